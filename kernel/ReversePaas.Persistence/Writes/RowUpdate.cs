using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace ReversePaas.Persistence.Writes;

/// <summary>
/// The UPDATE of one row: the modified columns of every tracked entry that lives on it (an owner and the owned types
/// on its row), where its key and every concurrency token still hold the values read.
/// </summary>
internal sealed class RowUpdate(RowKey row)
{
    private readonly List<(IProperty Property, string Column, object? Value)> _set = [];
    private readonly List<(IProperty Property, string Column, object? Value)> _where = [];

    /// <summary>The row's table.</summary>
    public string Table => row.Table;

    /// <summary>True when no entry on the row changed a column.</summary>
    public bool IsEmpty => _set.Count == 0;

    /// <summary>The row <paramref name="entry"/> lives on, or null when this writer cannot update it exactly.</summary>
    public static RowKey? Key(EntityEntry entry)
    {
        var type = entry.Metadata;
        var table = type.GetTableName();
        if (table is null || type.BaseType is not null || type.GetDirectlyDerivedTypes().Any() || type.FindPrimaryKey() is not { } key)
        {
            return null;
        }

        var store = StoreObjectIdentifier.Table(table, type.GetSchema());
        var values = new StringBuilder();
        foreach (var property in key.Properties)
        {
            if (property.GetColumnName(store) is not { } column || entry.Property(property).IsModified)
            {
                return null;
            }

            values.Append(column).Append('=').Append(entry.CurrentValues[property]).Append('\u001f');
        }

        return new RowKey(table, type.GetSchema(), values.ToString());
    }

    /// <summary>Adds what <paramref name="entry"/> changed, and checks its key and concurrency tokens.</summary>
    public void Add(EntityEntry entry)
    {
        var store = StoreObjectIdentifier.Table(row.Table, row.Schema);
        var current = entry.CurrentValues;
        var original = entry.OriginalValues;
        foreach (var property in entry.Metadata.GetProperties())
        {
            if (property.GetColumnName(store) is not { } column)
            {
                continue;
            }

            if (property.IsPrimaryKey())
            {
                if (!_where.Exists(w => w.Column == column))
                {
                    _where.Add((property, column, current[property]));
                }

                continue;
            }

            if (entry.Property(property).IsModified)
            {
                _set.Add((property, column, current[property]));
            }

            if (property.IsConcurrencyToken)
            {
                _where.Add((property, column, original[property]));
            }
        }
    }

    /// <summary>The statement, its parameters positional.</summary>
    public NpgsqlBatchCommand ToCommand()
    {
        var sql = new StringBuilder("UPDATE ");
        if (row.Schema is not null)
        {
            DirectChangeWriter.AppendColumn(sql, row.Schema);
            sql.Append('.');
        }

        DirectChangeWriter.AppendColumn(sql, row.Table);
        var parameters = new List<NpgsqlParameter>(_set.Count + _where.Count);
        sql.Append(" SET ");
        foreach (var (property, column, value) in _set)
        {
            if (parameters.Count > 0)
            {
                sql.Append(", ");
            }

            parameters.Add(DirectChangeWriter.Parameter(property, value));
            DirectChangeWriter.AppendColumn(sql, column);
            sql.Append(" = $").Append(parameters.Count);
        }

        sql.Append(" WHERE ");
        for (var i = 0; i < _where.Count; i++)
        {
            var (property, column, value) = _where[i];
            if (i > 0)
            {
                sql.Append(" AND ");
            }

            DirectChangeWriter.AppendColumn(sql, column);
            if (value is null)
            {
                sql.Append(" IS NULL"); // a null token (an unclaimed outbox message) matches only a null column
                continue;
            }

            parameters.Add(DirectChangeWriter.Parameter(property, value));
            sql.Append(" = $").Append(parameters.Count);
        }

        var command = new NpgsqlBatchCommand(sql.ToString());
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
