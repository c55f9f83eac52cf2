using Npgsql;
using ReversePaas.Host.Tests.Broker;

namespace ReversePaas.Host.Tests.PersonalData;

/// <summary>
/// The database's contents on PostgreSQL: every column of a text, JSON or binary type of every table in every schema of
/// the test database (ours, the simulators' journal, the job store), searched as text and, for binary columns, as bytes.
/// </summary>
[Collection(BrokerTestGroup.Name)]
public sealed class PersonalDataAtRestPostgresTests : PersonalDataAtRestTests
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();

    protected override async Task<IReadOnlyList<string>> FindInDatabaseAsync(string connectionString, IReadOnlyList<string> needles)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var columns = new List<(string Schema, string Table, string Column, string Type)>();
        await using (var list = new NpgsqlCommand(
            """
            SELECT c.table_schema, c.table_name, c.column_name, c.data_type
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
              AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'xml', 'ARRAY', 'USER-DEFINED')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        columns.Should().Contain(c => c.Table == "after_sales" && c.Column == "protected_pickup_address", "the scan covers the column that holds the sealed address");
        columns.Should().Contain(c => c.Schema == "archive" && c.Table == "archived_after_sales" && c.Column == "protected_pickup_address", "and its archive");
        columns.Should().Contain(c => c.Table == "outbox_messages");
        var found = new List<string>();
        foreach (var (schema, table, column, type) in columns)
        {
            var value = $"\"{schema}\".\"{table}\".\"{column}\"";
            var condition = type == "bytea"
                ? $"position(convert_to(@needle, 'UTF8') in {value}) > 0"
                : $"{value}::text LIKE '%' || @needle || '%'";
            foreach (var needle in needles)
            {
                await using var search = new NpgsqlCommand($"SELECT count(*) FROM \"{schema}\".\"{table}\" WHERE {condition}", connection);
                search.Parameters.AddWithValue("needle", needle);
                if ((long)(await search.ExecuteScalarAsync())! > 0)
                {
                    found.Add($"{needle} in {schema}.{table}.{column}");
                }
            }
        }

        return found;
    }
}
