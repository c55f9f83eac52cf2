namespace ReversePaas.Persistence.Sharding;

/// <summary>
/// The shard database a DI scope works on (scoped): background work on one shard (an outbox pass, a deadline run) binds
/// its scope before anything in it resolves <see cref="ReverseDbContext"/>, which then is that shard's. An unbound scope
/// (a request; every scope of a host without shards) gets the home database's context.
/// </summary>
public sealed class ShardScope
{
    private bool _contextCreated;

    /// <summary>The bound shard database, or null for the home database.</summary>
    public int? Database { get; private set; }

    /// <summary>Binds the scope to <paramref name="database"/> (null: the home database).</summary>
    public void Bind(int? database)
    {
        // A context made before the binding would already point at another database: a bug to show, not to route around.
        if (_contextCreated && database != Database)
        {
            throw new InvalidOperationException("The scope's ReverseDbContext was created before the scope was bound to a shard.");
        }

        Database = database;
    }

    internal void ContextCreated() => _contextCreated = true;
}
