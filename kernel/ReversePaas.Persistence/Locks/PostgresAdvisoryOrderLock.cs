using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.Domain;

namespace ReversePaas.Persistence.Locks;

/// <summary>
/// The order lock shared by every host on one PostgreSQL database: a session-level advisory lock keyed by a 64-bit
/// hash of the order number, held on a connection of its own for as long as the lock is held. The server queues the
/// waiters (no polling) and gives up at the wait timeout (<c>lock_timeout</c>); a host that dies loses its session and
/// with it the lock, so no lease is needed. The database unreachable means 503, never a 500.
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
        var key = KeyOf(orderId);
        NpgsqlConnection? connection = null;
        try
        {
            connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            // One round trip. lock_timeout bounds the server-side wait; set each time because the connection is pooled.
            await using (var batch = new NpgsqlBatch(connection))
            {
                var setTimeout = new NpgsqlBatchCommand("SELECT set_config('lock_timeout', $1, false)");
                setTimeout.Parameters.Add(new NpgsqlParameter { Value = $"{Math.Max(1, (long)timeout.TotalMilliseconds)}ms" });
                var takeLock = new NpgsqlBatchCommand("SELECT pg_advisory_lock($1)");
                takeLock.Parameters.Add(new NpgsqlParameter { Value = key });
                batch.BatchCommands.Add(setTimeout);
                batch.BatchCommands.Add(takeLock);
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }

            var holder = new Holder(connection, key);
            connection = null;
            return holder;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new TransientConflictException($"Order '{orderId}' is busy (another request holds its lock); nothing was written. Retry shortly.", TimeSpan.FromSeconds(1), ex);
        }
        catch (NpgsqlException ex) when (ex is not PostgresException || ex.IsTransient)
        {
            throw new TransientConflictException($"The order lock store (PostgreSQL) cannot be reached: {ex.Message}. Nothing was written; retry shortly.", TimeSpan.FromSeconds(5), ex);
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private sealed class Holder(NpgsqlConnection connection, long key) : IAsyncDisposable
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
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT pg_advisory_unlock($1)";
                command.Parameters.Add(new NpgsqlParameter { Value = key });
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // The session is gone, and its advisory locks with it: nothing is left to release.
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
