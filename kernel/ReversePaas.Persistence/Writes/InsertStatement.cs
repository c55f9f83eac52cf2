using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace ReversePaas.Persistence.Writes;

/// <summary>
/// The INSERT of one entity type on PostgreSQL, its text made once: every mapped property as a positional parameter,
/// except a key the database generates (an identity column), which it leaves out.
/// </summary>
internal sealed class InsertStatement
{
    private readonly IProperty[] _properties;

    private InsertStatement(string sql, IProperty[] properties, bool hasStoreGeneratedKey, int depth)
    {
        Sql = sql;
        _properties = properties;
        HasStoreGeneratedKey = hasStoreGeneratedKey;
        Depth = depth;
    }

    /// <summary>The statement's text.</summary>
    public string Sql { get; }

    /// <summary>True when the database makes the key (not read back by this writer).</summary>
    public bool HasStoreGeneratedKey { get; }

    /// <summary>How many principals lie above the type (0: none), so principals are inserted before their dependents.</summary>
    public int Depth { get; }

    /// <summary>The statement for <paramref name="type"/>, or null when it is not one this writer can make exactly.</summary>
    public static InsertStatement? For(IEntityType type)
    {
        var table = type.GetTableName();
        if (table is null || type.BaseType is not null || type.GetDirectlyDerivedTypes().Any())
        {
            return null;
        }

        var schema = type.GetSchema();
        // Table splitting (an owned type on its owner's row) and JSON-mapped owned types: EF writes those rows as one.
        if (type.Model.GetEntityTypes().Any(other => other != type && other.GetTableName() == table && other.GetSchema() == schema))
        {
            return null;
        }

        var store = StoreObjectIdentifier.Table(table, schema);
        var properties = new List<IProperty>();
        var storeGeneratedKey = false;
        var sql = new StringBuilder("INSERT INTO ");
        if (schema is not null)
        {
            DirectChangeWriter.AppendColumn(sql, schema);
            sql.Append('.');
        }

        DirectChangeWriter.AppendColumn(sql, table);
        sql.Append(" (");
        foreach (var property in type.GetProperties())
        {
            if (property.GetColumnName(store) is not { } column)
            {
                return null;
            }

            if (property.ValueGenerated != ValueGenerated.Never)
            {
                // Only a single-column key the database generates on insert; computed or defaulted columns go through EF.
                if (property.ValueGenerated == ValueGenerated.OnAdd && property.IsPrimaryKey() && type.FindPrimaryKey()!.Properties.Count == 1)
                {
                    storeGeneratedKey = true;
                    continue;
                }

                return null;
            }

            if (properties.Count > 0)
            {
                sql.Append(", ");
            }

            DirectChangeWriter.AppendColumn(sql, column);
            properties.Add(property);
        }

        sql.Append(") VALUES (");
        for (var i = 1; i <= properties.Count; i++)
        {
            sql.Append(i == 1 ? "$" : ", $").Append(i);
        }

        sql.Append(')');
        return new InsertStatement(sql.ToString(), [.. properties], storeGeneratedKey, DepthOf(type, 0));
    }

    /// <summary>The command inserting <paramref name="entry"/>'s current values.</summary>
    public NpgsqlBatchCommand ToCommand(EntityEntry entry)
    {
        var command = new NpgsqlBatchCommand(Sql);
        var values = entry.CurrentValues;
        foreach (var property in _properties)
        {
            command.Parameters.Add(DirectChangeWriter.Parameter(property, values[property]));
        }

        return command;
    }

    private static int DepthOf(IEntityType type, int guard)
    {
        var depth = 0;
        foreach (var key in type.GetForeignKeys())
        {
            if (key.PrincipalEntityType != type && guard < 16)
            {
                depth = Math.Max(depth, 1 + DepthOf(key.PrincipalEntityType, guard + 1));
            }
        }

        return depth;
    }
}
