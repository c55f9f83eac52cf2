using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Medallion.Threading.Postgres;
using Npgsql;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.Domain;

namespace ReversePaas.Persistence.Locks;

/// <summary>
/// The order lock shared by every host on one PostgreSQL database: DistributedLock's
/// <see cref="PostgresDistributedLock"/>, a session-level advisory lock keyed by a 64-bit hash of the order number.
/// The server queues the waiters; a host that dies loses its session and with it the lock, so no lease is needed.
/// This class adds the contract's part: the wait of <c>Activities:LockTimeout</c>, and a busy order or a database that
/// cannot be reached as a 503, never a 500.
/// </summary>
public sealed class PostgresAdvisoryOrderLock : IOrderLock, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Creates the lock over the database of <paramref name="connectionString"/>.</summary>
    public PostgresAdvisoryOrderLock(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>The advisory lock key of an order: the first 8 bytes of SHA-256 of <c>order:{orderId}</c>, the same on every host.</summary>
    public static long KeyOf(string orderId)
        => BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"order:{orderId}")));

    /// <inheritdoc />
    public async ValueTask<IAsyncDisposable> AcquireAsync(string orderId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var distributedLock = new PostgresDistributedLock(new PostgresAdvisoryLockKey(KeyOf(orderId)), _dataSource);
        PostgresDistributedLockHandle? handle;
        try
        {
            handle = await distributedLock.TryAcquireAsync(timeout, cancellationToken);
        }
        catch (NpgsqlException ex) when (ex is not PostgresException || ex.IsTransient)
        {
            throw new TransientConflictException($"The order lock store (PostgreSQL) cannot be reached: {ex.Message}. Nothing was written; retry shortly.", TimeSpan.FromSeconds(5), ex);
        }

        return handle is null
            ? throw new TransientConflictException($"Order '{orderId}' is busy (another request holds its lock); nothing was written. Retry shortly.", TimeSpan.FromSeconds(1))
            : new Holder(handle);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private sealed class Holder(PostgresDistributedLockHandle handle) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            try
            {
                await handle.DisposeAsync();
            }
            catch (NpgsqlException)
            {
                // The session is gone, and its advisory locks with it: nothing is left to release.
            }
        }
    }
}
