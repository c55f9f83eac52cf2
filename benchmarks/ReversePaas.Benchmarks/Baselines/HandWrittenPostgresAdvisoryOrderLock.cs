using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using ReversePaas.Kernel.Activities;

namespace ReversePaas.Benchmarks.Baselines;

/// <summary>
/// The hand-written PostgreSQL advisory order lock the product used before DistributedLock (removed in the same change
/// as this file was added), kept here only as the benchmark's baseline: a pooled connection of its own per holder,
/// <c>set_config('lock_timeout')</c> and <c>pg_advisory_lock</c> in one batch, <c>pg_advisory_unlock</c> on release.
/// </summary>
internal sealed class HandWrittenPostgresAdvisoryOrderLock(NpgsqlDataSource dataSource) : IOrderLock
{
    public async ValueTask<IAsyncDisposable> AcquireAsync(string orderId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var key = BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"order:{orderId}")));
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
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

        return new Holder(connection, key);
    }

    private sealed class Holder(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT pg_advisory_unlock($1)";
                command.Parameters.Add(new NpgsqlParameter { Value = key });
                await command.ExecuteNonQueryAsync();
            }

            await connection.DisposeAsync();
        }
    }
}
