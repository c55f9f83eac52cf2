using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReversePaas.Persistence;

namespace ReversePaas.Host.Tests.Support;

/// <summary>
/// Makes PostgreSQL itself refuse the save of chosen requests as it refuses one that lost to a concurrent transaction:
/// a request sent with <see cref="Header"/> = <see cref="Serialization"/> saves in a SERIALIZABLE transaction whose
/// order row another connection updated after its snapshot (40001); with <see cref="Deadlock"/> its save waits for a row
/// that a second transaction holds while that transaction waits for a lock the save's transaction holds (40P01).
/// The errors are the server's own, raised by the request's own SaveChanges; other requests save as usual.
/// </summary>
public sealed class SaveCollisions
{
    /// <summary>The request header naming the collision its save runs into.</summary>
    public const string Header = "X-Test-Collide-Save";

    /// <summary>Header value: a serialization failure (SQLSTATE 40001).</summary>
    public const string Serialization = "serialization";

    /// <summary>Header value: a deadlock (SQLSTATE 40P01).</summary>
    public const string Deadlock = "deadlock";

    private readonly ConcurrentQueue<PostgresException> _raised = new();

    /// <summary>The errors PostgreSQL raised in the marked saves, in order.</summary>
    public IReadOnlyCollection<PostgresException> Raised => _raised;

    /// <summary>Replaces the host's store with one that collides marked saves (for <see cref="RunningHost.StartWithServicesAsync"/>).</summary>
    public void Register(IServiceCollection services)
        => DelegatingReverseStore.Replace(services, (sp, inner) => new CollidingSaveStore(
            inner, sp.GetRequiredService<ReverseDbContext>(), sp.GetRequiredService<IHttpContextAccessor>(), this));

    internal void Record(PostgresException error) => _raised.Enqueue(error);
}
