namespace ReversePaas.Persistence.Sharding;

/// <summary>What a sharded <see cref="EfReverseStore"/> needs: the router and a context on a shard database.</summary>
internal sealed class ShardedStoreContext(ShardedDatabases databases)
{
    public ShardRouter Router => databases.Router;

    /// <summary>Every shard database's index, for the few look-ups that do not know the order.</summary>
    public IEnumerable<int> Databases => Enumerable.Range(0, databases.Map.ConnectionStrings.Count);

    public ReverseDbContext Create(int database) => databases.CreateContext(database);
}
