using System.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.Orders;
using ReversePaas.Persistence;

namespace ReversePaas.Host.Tests.Support;

/// <summary>The host's store, except that the save of a request marked for <see cref="SaveCollisions"/> collides on PostgreSQL.</summary>
internal sealed class CollidingSaveStore(IReverseStore inner, ReverseDbContext db, IHttpContextAccessor http, SaveCollisions collisions) : DelegatingReverseStore(inner)
{
    // Any pair unused by the host: the two-key advisory locks are a space apart from the host's one-key ones.
    private const int LockClass = 7_340_001;

    public override async Task SaveAsync(CancellationToken cancellationToken)
    {
        var collision = http.HttpContext?.Request.Headers[SaveCollisions.Header].ToString();
        if (string.IsNullOrEmpty(collision))
        {
            await Inner.SaveAsync(cancellationToken);
            return;
        }

        // The collision is on the order row the save updates (an application reserves on the order's ledger).
        var orderId = db.ChangeTracker.Entries<Order>().Single(e => e.State == EntityState.Modified).Entity.OrderId;
        try
        {
            await (collision switch
            {
                SaveCollisions.Serialization => SaveAfterConcurrentUpdateAsync(orderId, cancellationToken),
                SaveCollisions.Deadlock => SaveIntoDeadlockAsync(orderId, cancellationToken),
                _ => throw new InvalidOperationException($"Unknown collision '{collision}'."),
            });
        }
        catch (Exception ex) when (Find(ex) is { } error)
        {
            collisions.Record(error);
            throw;
        }
    }

    private async Task SaveAfterConcurrentUpdateAsync(string orderId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        // The first statement takes the transaction's snapshot: the update below comes after it.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM orders WHERE order_id = {orderId}", cancellationToken);
        await using (var other = await OpenOtherAsync(cancellationToken))
        {
            // Changes nothing but is a newer version of the row, committed: all SERIALIZABLE needs to refuse the save.
            await ExecuteAsync(other, "UPDATE orders SET order_id = order_id WHERE order_id = $1", cancellationToken, orderId);
        }

        await Inner.SaveAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task SaveIntoDeadlockAsync(string orderId, CancellationToken cancellationToken)
    {
        var key = Random.Shared.Next();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockClass}, {key})", cancellationToken);
        var savePid = ((NpgsqlConnection)db.Database.GetDbConnection()).ProcessID;

        await using var other = await OpenOtherAsync(cancellationToken);
        await using var otherTransaction = await other.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(other, "SELECT 1 FROM orders WHERE order_id = $1 FOR UPDATE", cancellationToken, orderId);
        var saving = Inner.SaveAsync(cancellationToken);
        await WaitUntilBlockedAsync(other, savePid, saving, cancellationToken);
        // The save has waited longest, so its deadlock_timeout runs out first: PostgreSQL finds the cycle there and
        // cancels the save's transaction, and this one then gets the advisory lock.
        var closing = ExecuteAsync(other, "SELECT pg_advisory_xact_lock($1, $2)", cancellationToken, LockClass, key);
        try
        {
            await saving;
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await closing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await otherTransaction.RollbackAsync(CancellationToken.None);
        }
    }

    // Bounded poll of pg_locks: the cycle must close only once the save really waits for the row.
    private static async Task WaitUntilBlockedAsync(NpgsqlConnection other, int pid, Task saving, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!saving.IsCompleted)
        {
            await using var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE pid = $1 AND NOT granted", other);
            waiting.Parameters.Add(new NpgsqlParameter { Value = pid });
            if ((long)(await waiting.ExecuteScalarAsync(cancellationToken))! > 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The save never waited for the order row.");
            }

            await Task.Delay(10, cancellationToken); // polling a condition with a deadline, not a fixed wait
        }

        await saving; // it finished without waiting: let its own outcome (or error) show
    }

    private async Task<NpgsqlConnection> OpenOtherAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static PostgresException? Find(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
            {
                return postgres;
            }
        }

        return null;
    }
}
