namespace ReversePaas.Persistence.Sharding;

/// <summary>One shard database as configured: <c>Shards:Databases:{i}:ConnectionString</c> and <c>…:LogicalShards</c>.</summary>
public sealed class ShardDatabaseOptions
{
    /// <summary>The database's connection string (PostgreSQL).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The logical shards it owns: ranges and single shards, comma-separated, e.g. <c>0-511</c> or <c>0-255,768-1023</c>.</summary>
    public string LogicalShards { get; set; } = "";
}
