using System.Globalization;
using Microsoft.Extensions.Configuration;
using ReversePaas.Kernel.AfterSales;
using ReversePaas.Persistence.Schema;

namespace ReversePaas.Persistence.Sharding;

/// <summary>
/// Which physical database owns each of the <see cref="AfterSaleIds.ShardCount"/> logical shards (the <c>Shards</c>
/// section). Built once at start; a map that leaves a logical shard without a database, or gives one two, is refused
/// there, since an order routed to no database (or to two) would be lost or split.
/// </summary>
public sealed class ShardMap
{
    private readonly int[] _databaseOfLogicalShard;

    private ShardMap(IReadOnlyList<string> connectionStrings, int[] databaseOfLogicalShard)
    {
        ConnectionStrings = connectionStrings;
        _databaseOfLogicalShard = databaseOfLogicalShard;
    }

    /// <summary>The shard databases' connection strings, by index (the order of <c>Shards:Databases</c>).</summary>
    public IReadOnlyList<string> ConnectionStrings { get; }

    /// <summary>The index of the database that owns <paramref name="logicalShard"/> (0–1023).</summary>
    public int DatabaseOf(int logicalShard) => _databaseOfLogicalShard[logicalShard];

    /// <summary>
    /// The map the configuration asks for, or null when it has no <c>Shards:Databases</c> (one database, as without
    /// sharding). Throws <see cref="InvalidOperationException"/> with the reason when the map cannot work.
    /// </summary>
    public static ShardMap? From(IConfiguration configuration, string homeConnectionString)
    {
        var databases = configuration.GetSection("Shards:Databases").Get<List<ShardDatabaseOptions>>();
        return databases is null || databases.Count == 0 ? null : Create(databases, homeConnectionString);
    }

    /// <summary>Validates and builds the map (see <see cref="From"/>).</summary>
    public static ShardMap Create(IReadOnlyList<ShardDatabaseOptions> databases, string homeConnectionString)
    {
        // The non-order data (Hangfire, plugin packages, keys, the order locks) stays in the home database, and the
        // shards need advisory locks, SKIP LOCKED claims and many writers: SQLite offers none of that across files.
        if (PersistenceServiceCollectionExtensions.EngineOf(homeConnectionString) != DatabaseEngine.PostgreSql)
        {
            throw new InvalidOperationException("Shards: sharding needs PostgreSQL, but ConnectionStrings:ReversePaas is SQLite; set it to a PostgreSQL database (Host=…) or remove the Shards section.");
        }

        var owner = new int[AfterSaleIds.ShardCount];
        Array.Fill(owner, -1);
        for (var i = 0; i < databases.Count; i++)
        {
            var database = databases[i];
            if (string.IsNullOrWhiteSpace(database.ConnectionString))
            {
                throw new InvalidOperationException($"Shards:Databases:{i}:ConnectionString is empty.");
            }

            if (PersistenceServiceCollectionExtensions.EngineOf(database.ConnectionString) != DatabaseEngine.PostgreSql)
            {
                throw new InvalidOperationException($"Shards:Databases:{i}:ConnectionString is not PostgreSQL (Host=…): shards must be PostgreSQL databases.");
            }

            foreach (var (from, to) in ParseRanges(database.LogicalShards, i))
            {
                for (var shard = from; shard <= to; shard++)
                {
                    if (owner[shard] >= 0)
                    {
                        throw new InvalidOperationException($"Shards:Databases:{i}:LogicalShards overlaps Shards:Databases:{owner[shard]}: logical shard {shard} is given to both; each of 0-{AfterSaleIds.ShardCount - 1} must belong to exactly one database.");
                    }

                    owner[shard] = i;
                }
            }
        }

        var missing = Enumerable.Range(0, owner.Length).Where(s => owner[s] < 0).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Shards:Databases leaves logical shard(s) {Describe(missing)} without a database: each of 0-{AfterSaleIds.ShardCount - 1} must belong to exactly one database.");
        }

        return new ShardMap([.. databases.Select(d => d.ConnectionString)], owner);
    }

    private static List<(int From, int To)> ParseRanges(string text, int database)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidOperationException($"Shards:Databases:{database}:LogicalShards is empty: give the logical shards it owns, e.g. 0-511.");
        }

        var ranges = new List<(int, int)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length > 2 || !TryShard(bounds[0], out var from) || !TryShard(bounds[^1], out var to) || from > to)
            {
                throw new InvalidOperationException($"Shards:Databases:{database}:LogicalShards has '{part}', which is not a range of logical shards within 0-{AfterSaleIds.ShardCount - 1} (like 0-511).");
            }

            ranges.Add((from, to));
        }

        return ranges;
    }

    private static bool TryShard(string text, out int shard)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out shard) && shard < AfterSaleIds.ShardCount;

    // "512-1023" rather than five hundred numbers.
    private static string Describe(List<int> shards)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 1; i <= shards.Count; i++)
        {
            if (i == shards.Count || shards[i] != shards[i - 1] + 1)
            {
                parts.Add(i - 1 == start ? shards[start].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{shards[start]}-{shards[i - 1]}"));
                start = i;
            }
        }

        return string.Join(",", parts);
    }
}
