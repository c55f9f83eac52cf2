using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using ReversePaas.Kernel.Domain;

namespace ReversePaas.Persistence;

/// <summary>
/// Reads the database providers' exceptions so that nobody above this project has to: a failure that a retry can
/// cure becomes the kernel's <see cref="TransientConflictException"/> (answered 503 with <c>Retry-After</c>); anything
/// else is not the database's to explain. Searched through the whole chain, as EF Core and the kernel wrap the errors.
/// </summary>
public static class DatabaseFailures
{
    /// <summary>The retryable failure <paramref name="exception"/> stands for, or null.</summary>
    public static TransientConflictException? AsRetryable(Exception exception)
    {
        // Before the outage case: Npgsql marks these transient too, but the database is up and only this request lost.
        if (ExceptionChain.Find(exception, e => e is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }) is { } collided)
        {
            // PostgreSQL gave up this request's transaction for a concurrent one (40001, 40P01): it was rolled back and a
            // retry reads the winner's state.
            return new TransientConflictException(
                "The request collided with a concurrent change to the same data and was rolled back; nothing was written. Retry.",
                TimeSpan.FromSeconds(1), collided);
        }

        // An outage (server down or restarting, connection lost, pool exhausted, SQLite's file busy past its timeout)
        // is neither a bug in the request nor in us: callers should retry, as for a busy order lock.
        if (ExceptionChain.Find(exception, e => e is SqliteException { SqliteErrorCode: 5 or 6 } or DbException { IsTransient: true }) is { } down)
        {
            return new TransientConflictException(
                "The database cannot be reached or is restarting, or every connection this host has to it is busy; retry shortly. "
                + "Retrying is safe: an application repeated with its Idempotency-Key, "
                + "a repeated order registration and a repeated review answer as the first success would have.",
                TimeSpan.FromSeconds(5), down);
        }

        return null;
    }
}
