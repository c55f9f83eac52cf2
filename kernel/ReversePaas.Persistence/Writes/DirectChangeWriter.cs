using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ReversePaas.Persistence.Writes;

/// <summary>
/// Writes a unit of work's inserts and updates to PostgreSQL as one hand-made batch of positional statements, instead of
/// EF Core's update pipeline (issue 20). The profile of an application under load (docs/benchmarks.md, "The gap to the
/// floor") found EF's SaveChanges behind 45 % of the bytes the host allocates per application: it generates the SQL text
/// of every INSERT anew (a 44-column after-sale), names and parses every parameter, and builds column modifications
/// per save. Here each table's INSERT text is made once per model; values come from EF's own metadata and type mappings
/// (converters, JSON columns, enum strings), so the rows are the ones EF would write. The change tracker stays the
/// source of truth: what is written is what it holds as Added or Modified, and it accepts the changes afterwards.
/// </summary>
/// <remarks>
/// Takes only what it can write exactly as EF would: inserts of entities on a table of their own (store-generated keys
/// left to the database), and updates of rows by key with every concurrency token checked (an owned type on its owner's
/// row joins the owner's UPDATE). Anything else (deletes, inserts of owned types) returns false and the caller saves
/// through EF. A token that no longer matches fails the save with <see cref="DbUpdateConcurrencyException"/>, a
/// duplicate key with <see cref="DbUpdateException"/> around the <see cref="PostgresException"/>, as EF would; either
/// way the transaction is rolled back and nothing was written.
/// </remarks>
public sealed partial class DirectChangeWriter(ILogger<DirectChangeWriter>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<DirectChangeWriter>.Instance;

    // Per entity type of each model (a process may run both engines' models; the tests do).
    private readonly ConcurrentDictionary<IEntityType, InsertStatement?> _inserts = new();
    private long _saves;

    // Parameters are made by EF's type mappings, which need a command to ask for one; the command is never run.
    private static readonly NpgsqlCommand ParameterFactory = new();

    /// <summary>Units of work this writer saved (the rest went through EF): tests check that it is in use.</summary>
    public long Saves => Interlocked.Read(ref _saves);

    /// <summary>
    /// Writes the tracked changes of <paramref name="db"/> in one batch and one transaction (the context's own when it
    /// has one), then accepts them in the change tracker. False (and nothing done) when the changes are not all of a
    /// kind this writer takes. The caller has detected changes already.
    /// </summary>
    public async Task<bool> TrySaveAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return false;
        }

        var inserts = new List<(EntityEntry Entry, InsertStatement Statement)>();
        var updates = new Dictionary<RowKey, RowUpdate>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            switch (entry.State)
            {
                case EntityState.Unchanged or EntityState.Detached:
                    continue;
                case EntityState.Added:
                    if (entry.Metadata.IsOwned() || _inserts.GetOrAdd(entry.Metadata, InsertStatement.For) is not { } statement)
                    {
                        return Declined(entry);
                    }

                    inserts.Add((entry, statement));
                    break;
                case EntityState.Modified when RowUpdate.Key(entry) is { } key:
                    if (!updates.TryGetValue(key, out var update))
                    {
                        updates[key] = update = new RowUpdate(key);
                    }

                    update.Add(entry);
                    break;
                default:
                    return Declined(entry);
            }
        }

        if (inserts.Count == 0 && updates.Count == 0)
        {
            return true;
        }

        if (updates.Values.FirstOrDefault(static u => u.IsEmpty) is { } empty)
        {
            // A row whose entries changed no column: EF knows what that means for its tokens.
            LogDeclined(_logger, "Modified", empty.Table);
            return false;
        }

        // Principals before their dependents (an after-sale before its lines), as EF orders them.
        inserts.Sort(static (a, b) => a.Statement.Depth.CompareTo(b.Statement.Depth));
        await using var batch = new NpgsqlBatch();
        var checkedUpdates = new List<NpgsqlBatchCommand>(updates.Count);
        foreach (var update in updates.Values)
        {
            var command = update.ToCommand();
            checkedUpdates.Add(command);
            batch.BatchCommands.Add(command);
        }

        foreach (var (entry, statement) in inserts)
        {
            batch.BatchCommands.Add(statement.ToCommand(entry));
        }

        await WriteAsync(db, batch, checkedUpdates, cancellationToken);
        foreach (var (entry, statement) in inserts)
        {
            if (statement.HasStoreGeneratedKey)
            {
                // Its key is the database's and was not read back: nothing in a unit of work uses it after the save.
                entry.State = EntityState.Detached;
            }
        }

        db.ChangeTracker.AcceptAllChanges();
        Interlocked.Increment(ref _saves);
        return true;
    }

    private bool Declined(EntityEntry entry)
    {
        LogDeclined(_logger, entry.State.ToString(), entry.Metadata.DisplayName());
        return false;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Direct write declined ({State} {Entity}): the unit of work is saved through EF")]
    private static partial void LogDeclined(ILogger logger, string state, string entity);

    private static async Task WriteAsync(DbContext db, NpgsqlBatch batch, List<NpgsqlBatchCommand> checkedUpdates, CancellationToken cancellationToken)
    {
        var owned = db.Database.CurrentTransaction is null;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = db.Database.CurrentTransaction ?? await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                batch.Connection = (NpgsqlConnection)db.Database.GetDbConnection();
                batch.Transaction = (NpgsqlTransaction)transaction.GetDbTransaction();
                try
                {
                    await batch.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (PostgresException ex)
                {
                    throw new DbUpdateException($"The direct write failed: {ex.MessageText}", ex);
                }

                foreach (var update in checkedUpdates)
                {
                    if (update.RecordsAffected != 1)
                    {
                        throw new DbUpdateConcurrencyException(
                            "A row to update was changed or deleted since it was read (its concurrency token no longer matches); nothing was written.");
                    }
                }

                if (owned)
                {
                    await transaction.CommitAsync(cancellationToken);
                }
            }
            finally
            {
                if (owned)
                {
                    await transaction.DisposeAsync();
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A parameter for <paramref name="property"/>'s <paramref name="value"/>, made by EF's type mapping.</summary>
    internal static NpgsqlParameter Parameter(IProperty property, object? value)
        => (NpgsqlParameter)property.GetRelationalTypeMapping().CreateParameter(ParameterFactory, string.Empty, value, property.IsNullable);

    /// <summary>A column name for SQL text.</summary>
    internal static void AppendColumn(StringBuilder sql, string column) => sql.Append('"').Append(column.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
}
