namespace ReversePaas.Persistence;

/// <summary>Whether the database answers, and which engine it is, for the readiness check.</summary>
public sealed class DatabaseProbe(ReverseDbContext db)
{
    /// <summary>The engine's short name (<c>Sqlite</c>, <c>PostgreSQL</c>).</summary>
    public string Engine => db.Database.ProviderName?.Split('.').LastOrDefault() ?? "unknown";

    /// <summary>True when a connection can be opened and the database exists.</summary>
    public Task<bool> CanConnectAsync(CancellationToken cancellationToken) => db.Database.CanConnectAsync(cancellationToken);
}
