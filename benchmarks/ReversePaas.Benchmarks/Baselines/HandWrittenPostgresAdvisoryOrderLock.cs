using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.Domain;

namespace ReversePaas.Benchmarks.Baselines;

/// <summary>
/// The hand-written PostgreSQL advisory order lock the product used before DistributedLock (removed in caec000; the
/// class is at e97d587), kept here only as the benchmark's baseline, as it was apart from its name and the data source
/// being handed in: a pooled connection of its own per holder, <c>set_config('lock_timeout')</c> and
/// <c>pg_advisory_lock</c> in one batch, <c>pg_advisory_unlock</c> on release.
/// </summary>
internal sealed class HandWrittenPostgresAdvisoryOrderLock(NpgsqlDataSource dataSource) : IOrderLock
{
    public async ValueTask<IAsyncDisposable> AcquireAsync(string orderId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var key = BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"order:{orderId}")));
        NpgsqlConnection? connection = null;
        try
        {
            connection = await dataSource.OpenConnectionAsync(cancellationToken);
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
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

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
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
