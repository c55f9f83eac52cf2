using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.AfterSales;

namespace ReversePaas.Persistence.Archive;

/// <summary>
/// Moves finished after-sales whose last change is older than <see cref="ArchiveOptions.After"/> from the hot tables to
/// the archive, batch by batch (docs/persistence.md, "Archive"). Every host runs it when <see cref="ArchiveOptions.Enabled"/>:
/// a minute after start (or after one interval when shorter), then every <see cref="ArchiveOptions.Interval"/>; see <see cref="MoveOnceAsync"/> for why
/// several at once are safe.
/// </summary>
public sealed partial class ArchiveMover(Sharding.ShardScopes scopes, ArchiveOptions options, ActivityOptions activities, TimeProvider time, ILogger<ArchiveMover> logger) : BackgroundService
{
    // Not at once: start-up (schema, plugins, the job store) and the dispatcher's catch-up come first (or after
    // Archive:Interval when that is shorter, as a benchmark sets it).
    private static readonly TimeSpan FirstPassAfter = TimeSpan.FromMinutes(1);

    /// <summary>After-sales moved per transaction; tests lower it to see several batches.</summary>
    internal int BatchSize { get; init; } = options.BatchSize;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(options.Interval < FirstPassAfter ? options.Interval : FirstPassAfter, time, stoppingToken);
            while (true)
            {
                try
                {
                    await MoveOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // Housekeeping: nothing depends on it having run, so the next period simply tries again.
                    LogPassFailed(logger, options.Interval, ex);
                }

                await Task.Delay(options.Interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    /// <summary>
    /// One pass, run by the loop (and by tests, which move the clock instead of waiting for the timer); returns how many
    /// after-sales it moved. Batch by batch until none is due, each batch one transaction: take up to
    /// <see cref="BatchSize"/> due after-sales (<see cref="DueSql"/>), copy them and their lines into the archive, then
    /// delete from the hot tables the after-sale, its lines, its search document, its handler delivery records and any
    /// deadline left under its id. On PostgreSQL the batch is locked with <c>FOR UPDATE SKIP LOCKED</c>: hosts moving at
    /// once take disjoint batches, and a write of the kernel that holds a row (under the order's lock) is skipped, not
    /// waited for; one that comes after the move finds no row (its version check fails, the retry sees the archive and
    /// answers 409). On SQLite the transaction takes the single write lock before it reads. The archive's primary key
    /// refuses a second copy, so no after-sale is ever archived twice, and the copy and the delete commit together, so
    /// none is lost.
    /// </summary>
    internal async Task<int> MoveOnceAsync(CancellationToken cancellationToken)
    {
        // On a sharded host every shard database has hot and archive tables of its own (the after-sales of its orders).
        var moved = 0;
        foreach (var database in scopes.Databases)
        {
            moved += await MoveOnceOnAsync(database, cancellationToken);
        }

        return moved;
    }

    private async Task<int> MoveOnceOnAsync(int? database, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (options.After >= now - DateTimeOffset.UnixEpoch)
        {
            return 0;
        }

        // Fixed for the whole pass, so that a large backlog ends rather than chasing rows that age meanwhile.
        var cutoff = now - options.After;
        var appealCutoff = activities.AppealWithin >= now - DateTimeOffset.UnixEpoch ? DateTimeOffset.UnixEpoch : now - activities.AppealWithin;
        using var scope = scopes.CreateScope(database);
        var db = scope.ServiceProvider.GetRequiredService<ReverseDbContext>();
        var postgres = db.Database.IsNpgsql();
        var statements = MoveStatements.For(db.Model);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var moved = 0;
            bool full;
            do
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var connection = db.Database.GetDbConnection();
                var dbTransaction = transaction.GetDbTransaction();
                var batch = await TakeBatchAsync(connection, dbTransaction, postgres, cutoff, appealCutoff, cancellationToken);
                var count = 0;
                if (batch.Count > 0)
                {
                    await ExecuteAsync(connection, dbTransaction, statements.CopySales, batch, Time(now, postgres), cancellationToken);
                    await ExecuteAsync(connection, dbTransaction, statements.CopyLines, batch, null, cancellationToken);
                    foreach (var delete in MoveStatements.Deletes)
                    {
                        count = await ExecuteAsync(connection, dbTransaction, delete, batch, null, cancellationToken);
                    }
                }

                await transaction.CommitAsync(cancellationToken);
                moved += count;
                if (count > 0)
                {
                    LogBatchMoved(logger, count, options.After);
                }

                // A short batch means the rest (if any) is held by another host's mover, which moves it.
                full = batch.Count == BatchSize;
            }
            while (full);

            return moved;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Finished: <c>Completed</c>, <c>Withdrawn</c>, <c>InterceptionFailed</c>, and <c>Rejected</c> once it can no longer
    /// be appealed (appealed once already, or rejected longer ago than <c>Activities:AppealWithin</c>): the statuses
    /// <see cref="AfterSaleStateMachine.IsTerminal"/> names, less a rejection its applicant may still appeal. An after-sale
    /// with outbox messages not yet dispatched waits: its consumers (search model, settlement, event handlers) still read
    /// it from the hot tables, so it moves in a later pass, once they have.
    /// </summary>
    /// <remarks>
    /// The status list and the age are what the <c>(status, updated_at)</c> index (script 0023) serves; no ORDER BY, so a
    /// batch is the first due rows the index yields, not a sort of every due row (any order is correct: all of them go).
    /// </remarks>
    private const string DueSql = """
        SELECT s.after_sale_id FROM after_sales s
        WHERE s.status IN ('Completed', 'Withdrawn', 'InterceptionFailed', 'Rejected')
          AND s.updated_at < @cutoff
          AND (s.status <> 'Rejected' OR s.appeal_count > 0 OR s.rejected_at < @appealCutoff)
          AND NOT EXISTS (SELECT 1 FROM outbox_messages m WHERE m.dispatched_at IS NULL AND m.key = s.after_sale_id)
        LIMIT @batch
        """;

    private async Task<List<string>> TakeBatchAsync(DbConnection connection, DbTransaction transaction, bool postgres, DateTimeOffset cutoff, DateTimeOffset appealCutoff, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = postgres ? DueSql + " FOR UPDATE OF s SKIP LOCKED" : DueSql;
        Add(command, "@cutoff", Time(cutoff, postgres));
        Add(command, "@appealCutoff", Time(appealCutoff, postgres));
        Add(command, "@batch", BatchSize);
        var ids = new List<string>(BatchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    // PostgreSQL keeps timestamptz; SQLite Unix milliseconds (DateTimeOffsetToUnixMillisecondsConverter).
    private static object Time(DateTimeOffset at, bool postgres) => postgres ? at : at.ToUnixTimeMilliseconds();

    /// <summary>Runs <paramref name="sql"/> with <c>@ids</c> expanded to one parameter per id of the batch.</summary>
    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, List<string> batch, object? archivedAt, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var names = new string[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            names[i] = "@id" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Add(command, names[i], batch[i]);
        }

        if (archivedAt is not null)
        {
            Add(command, "@archivedAt", archivedAt);
        }

        command.CommandText = sql.Replace("@ids", string.Join(", ", names), StringComparison.Ordinal);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Archive moved {Count} finished after-sale(s) last changed more than {After} ago")]
    private static partial void LogBatchMoved(ILogger logger, int count, TimeSpan after);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Archive pass failed; it runs again in {Interval}")]
    private static partial void LogPassFailed(ILogger logger, TimeSpan interval, Exception ex);
}
