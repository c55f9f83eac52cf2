using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ReversePaas.Persistence;

/// <summary>How every context of ours maps money and time, so that tables written by one read the same in another.</summary>
internal static class ReverseConventions
{
    public static void Apply(ModelConfigurationBuilder configurationBuilder, DatabaseFacade database)
    {
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
        if (database.IsSqlite())
        {
            // SQLite has no date type: stored as UTC milliseconds so that comparisons and ordering run in SQL.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUnixMillisecondsConverter>();
        }
    }

    // snake_case columns, so hand-written schema scripts and ad-hoc SQL read naturally on both engines.
    public static void NameColumnsInSnakeCase(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                if (property.FindAnnotation("Relational:ColumnName") is null)
                {
                    property.SetColumnName(SnakeCase(property.Name));
                }
            }
        }
    }

    private static string SnakeCase(string name)
    {
        var text = new System.Text.StringBuilder(name.Length + 8);
        foreach (var c in name.TrimStart('_'))
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
