using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Domain;
using ReversePaas.Kernel.Orders;
using ReversePaas.Kernel.Telemetry;
using ReversePaas.Persistence.Archive;
using ReversePaas.Persistence.Outbox;
using ReversePaas.Persistence.Sharding;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Persistence;

/// <summary>
/// The activities' unit of work over EF Core (one per request or work item). On a sharded host it works on the shard
/// database of the order it is first asked about (<see cref="ShardedStoreContext"/>): one activity touches one order,
/// so one shard and one transaction, as on a single database.
/// </summary>
public sealed class EfReverseStore : IReverseStore, IDisposable
{
    private readonly ShardedStoreContext? _sharded;
    private readonly IOutboxSignal? _signal;
    private readonly Writes.DirectChangeWriter? _writer;
    private ReverseDbContext? _bound;
    private AppliedMessage? _appliedMessage;
    private int _boundDatabase = -1;

    /// <summary>
    /// Creates the store over a context; <paramref name="signal"/> wakes the outbox dispatcher after a commit;
    /// <paramref name="writer"/> (PostgreSQL, <c>Persistence:DirectWrites</c>) writes what it can without EF's update
    /// pipeline.
    /// </summary>
    public EfReverseStore(ReverseDbContext db, IOutboxSignal? signal = null, Writes.DirectChangeWriter? writer = null)
    {
        _bound = db;
        _signal = signal;
        _writer = writer;
    }

    /// <summary>Creates the store of a sharded host: a context on the order's shard database once the order is known.</summary>
    internal EfReverseStore(ShardedStoreContext sharded, IOutboxSignal? signal, Writes.DirectChangeWriter? writer = null)
    {
        _sharded = sharded;
        _signal = signal;
        _writer = writer;
    }

    /// <inheritdoc />
    public Task<Order?> FindOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        var db = ForOrder(orderId);
        return CompiledReads.For(db).OrderById(db, orderId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AfterSale>> AfterSalesOfOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        // Hot first, then the archive: an after-sale the mover moves between the two reads is seen twice (kept once),
        // never missed, so what the order claims is never undercounted.
        var db = ForOrder(orderId);
        var sales = await db.AfterSales.AsNoTracking().Include(a => a.Lines).Where(a => a.OrderId == orderId).ToListAsync(cancellationToken);
        var hot = sales.Select(s => s.AfterSaleId).ToHashSet(StringComparer.Ordinal);
        var archivedIds = await ArchivedAfterSales.Sales(db).Where(a => a.OrderId == orderId).Select(a => a.AfterSaleId).ToListAsync(cancellationToken);
        archivedIds.RemoveAll(hot.Contains);
        sales.AddRange(await ArchivedAfterSales.LoadAsync(db, archivedIds, cancellationToken));
        return sales;
    }

    /// <inheritdoc />
    public async Task<OrderClaims> ClaimsOfOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        // Only the columns the sums need, one row per line (one with no line for an after-sale without lines): an
        // application of an order with many after-sales would otherwise parse every one's history and track nothing of it.
        // Archived after-sales keep claiming what they refunded or took back (issue 20), so the archive's rows come in
        // the same statement (UNION ALL): one round trip on every application, and on PostgreSQL one snapshot, in which
        // an after-sale the mover moves is in exactly one of the two. SQLite commits an attached file's part of a
        // transaction on its own, so a row may still show up in both there: the hot row counts, its archived copy not.
        var db = ForOrder(orderId);
        var claims = new OrderClaims();
        var hot = new HashSet<string>(StringComparer.Ordinal);
        List<ClaimRow>? archived = null;
        await foreach (var row in CompiledReads.For(db).ClaimRowsOfOrder(db, orderId).WithCancellation(cancellationToken))
        {
            if (row.Archived)
            {
                (archived ??= []).Add(row); // counted once every hot row is known
                continue;
            }

            hot.Add(row.AfterSaleId);
            claims.Count(row.Status, row.FreightRefund, row.LineNo, row.Quantity ?? 0, row.RefundAmount ?? 0m);
        }

        foreach (var row in archived ?? [])
        {
            if (!hot.Contains(row.AfterSaleId))
            {
                claims.Count(row.Status, row.FreightRefund, row.LineNo, row.Quantity ?? 0, row.RefundAmount ?? 0m);
            }
        }

        return claims;
    }

    /// <inheritdoc />
    public Task<AfterSale?> FindAfterSaleAsync(string afterSaleId, CancellationToken cancellationToken)
        => ForAfterSale(afterSaleId) is { } db
            ? db.AfterSales.Include(a => a.Lines).AsSingleQuery().FirstOrDefaultAsync(a => a.AfterSaleId == afterSaleId, cancellationToken)
            : Task.FromResult<AfterSale?>(null);

    /// <inheritdoc />
    public async Task<AfterSale?> FindArchivedAfterSaleAsync(string afterSaleId, CancellationToken cancellationToken)
        => ForAfterSale(afterSaleId) is { } db ? (await ArchivedAfterSales.LoadAsync(db, [afterSaleId], cancellationToken)).FirstOrDefault() : null;

    /// <inheritdoc />
    public async Task<(AfterSale AfterSale, string? Fingerprint)?> FindByIdempotencyKeyAsync(Actor applicant, string key, CancellationToken cancellationToken)
    {
        if (_sharded is not null && _bound is null)
        {
            // Not told the order: the key may be in any shard. Applications say the order (the overload below).
            foreach (var database in _sharded.Databases)
            {
                await using var db = _sharded.Create(database);
                if (await FindKeyAsync(db, applicant, key, cancellationToken) is { } id)
                {
                    Bind(database);
                    return await WithSaleAsync(id, cancellationToken);
                }
            }

            return null;
        }

        return await FindKeyAsync(Bound, applicant, key, cancellationToken) is { } hit ? await WithSaleAsync(hit, cancellationToken) : null;
    }

    /// <inheritdoc />
    public async Task<(AfterSale AfterSale, string? Fingerprint)?> FindByIdempotencyKeyAsync(Actor applicant, string key, string orderId, CancellationToken cancellationToken)
        => await FindKeyAsync(ForOrder(orderId), applicant, key, cancellationToken) is { } hit ? await WithSaleAsync(hit, cancellationToken) : null;

    private static async Task<(string AfterSaleId, string? Fingerprint)?> FindKeyAsync(ReverseDbContext db, Actor applicant, string key, CancellationToken cancellationToken)
    {
        var role = applicant.Role.ToString();
        var hit = await db.AfterSales.AsNoTracking()
            .Where(a => a.ApplicantRole == role && a.ApplicantSubject == applicant.Subject && EF.Property<string?>(a, ReverseDbContext.IdempotencyKey) == key)
            .Select(a => new { a.AfterSaleId, Fingerprint = EF.Property<string?>(a, ReverseDbContext.RequestFingerprint) })
            .FirstOrDefaultAsync(cancellationToken);
        return hit is null ? null : (hit.AfterSaleId, hit.Fingerprint);
    }

    private async Task<(AfterSale AfterSale, string? Fingerprint)?> WithSaleAsync((string AfterSaleId, string? Fingerprint) hit, CancellationToken cancellationToken)
    {
        var sale = await FindAfterSaleAsync(hit.AfterSaleId, cancellationToken);
        return sale is null ? null : (sale, hit.Fingerprint);
    }

    /// <inheritdoc />
    public Task<bool> RefundRecordedAsync(string afterSaleId, CancellationToken cancellationToken)
        => ForAfterSale(afterSaleId) is { } db ? db.Refunds.AnyAsync(r => r.AfterSaleId == afterSaleId, cancellationToken) : Task.FromResult(false);

    /// <inheritdoc />
    public void Add(Order order) => ForOrder(order.OrderId).Orders.Add(order);

    /// <inheritdoc />
    public void Add(AfterSale afterSale, string? idempotencyKey, string? fingerprint)
    {
        var entry = ForOrder(afterSale.OrderId).AfterSales.Add(afterSale);
        entry.Property(ReverseDbContext.IdempotencyKey).CurrentValue = idempotencyKey;
        entry.Property(ReverseDbContext.RequestFingerprint).CurrentValue = fingerprint;
    }

    /// <inheritdoc />
    public void Add(RefundRecord refund) => ForOrder(refund.OrderId).Refunds.Add(refund);

    /// <inheritdoc />
    public async Task<bool> MessageAppliedAsync(string messageId, CancellationToken cancellationToken)
    {
        if (_sharded is null)
        {
            return await Bound.AppliedMessages.AsNoTracking().AnyAsync(m => m.MessageId == messageId, cancellationToken);
        }

        // The record of an applied message is written in the transaction of its effect, so it lives in the shard of the
        // order it changed; asked before the message is read, the store does not know that order yet: any shard counts.
        foreach (var database in _sharded.Databases)
        {
            await using var db = _sharded.Create(database);
            if (await db.AppliedMessages.AsNoTracking().AnyAsync(m => m.MessageId == messageId, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public void RecordMessageApplied(string messageId, string type, DateTimeOffset appliedAt) => _appliedMessage = new AppliedMessage { MessageId = messageId, Type = type, AppliedAt = appliedAt };

    /// <inheritdoc />
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (_bound is null)
        {
            // A sharded store never asked about an order has nothing to save (an applied message is recorded with an effect).
            return;
        }

        var db = _bound;
        if (_appliedMessage is { } applied)
        {
            // Added only now: the activity reset the context under the order's lock after the record was asked for.
            db.AppliedMessages.Add(applied);
            _appliedMessage = null;
        }

        var announced = WriteOutboxMessages(out var counted);
        // WriteOutboxMessages already detected the changes (and only added rows since): SaveChanges need not scan again.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            if (_writer is null || !await _writer.TrySaveAsync(db, cancellationToken))
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            if (announced)
            {
                _signal?.Notify();
            }

            // Counted once committed: a save that failed opened nothing and refunded nothing.
            foreach (var (type, identity) in counted ?? [])
            {
                if (type is null)
                {
                    KernelMetrics.RefundCompleted(identity);
                }
                else
                {
                    KernelMetrics.AfterSaleOpened(type, identity);
                }
            }
        }
        catch (DbUpdateConcurrencyException ex)
        {
            db.ChangeTracker.Clear();
            throw new TransientConflictException("The order or after-sale was changed by someone else at the same time; nothing was written. Retry.", TimeSpan.FromSeconds(1), ex);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            throw new DuplicateException("A record with the same key already exists; nothing was written.", ex);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    /// <inheritdoc />
    public void Reset() => _bound?.ChangeTracker.Clear();

    /// <summary>Returns a sharded store's context to its shard's pool (the single database's context is the scope's).</summary>
    public void Dispose()
    {
        if (_sharded is not null)
        {
            _bound?.Dispose();
            _bound = null;
        }
    }

    private ReverseDbContext Bound => _bound ?? throw new InvalidOperationException("The store has not been told which order it works on.");

    private ReverseDbContext ForOrder(string orderId) => _sharded is null ? Bound : Bind(_sharded.Router.DatabaseOfOrder(orderId));

    // Null for an id no shard can hold (malformed): such an after-sale does not exist.
    private ReverseDbContext? ForAfterSale(string afterSaleId)
        => _sharded is null ? Bound
            : _sharded.Router.TryDatabaseOfAfterSale(afterSaleId, out var database) ? Bind(database) : null;

    private ReverseDbContext Bind(int database)
    {
        if (_bound is null)
        {
            _bound = _sharded!.Create(database);
            _boundDatabase = database;
        }
        else if (_boundDatabase != database)
        {
            // One unit of work is one transaction on one database: an activity spanning two orders' shards is a bug.
            throw new InvalidOperationException($"This unit of work is on shard database {_boundDatabase} and was asked about data of shard database {database}: one unit of work touches one order.");
        }

        return _bound;
    }

    // The outbox rows join the same SaveChanges, hence the same transaction, as the changes they announce.
    // What it adds is also what the metrics count once the save commits (counted: type and identity of each after-sale
    // opened, a null type for each refund recorded; null while nothing listens to those counters).
    private bool WriteOutboxMessages(out List<(string? Type, string Identity)>? counted)
    {
        var db = Bound;
        db.ChangeTracker.DetectChanges();
        var messages = new List<OutboxMessage>();
        counted = null;
        var counting = KernelMetrics.AfterSalesOpened.Enabled || KernelMetrics.RefundsCompleted.Enabled;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case AfterSale sale:
                    messages.Add(new OutboxMessage(OutboxTopics.AfterSaleChanged, sale.AfterSaleId, sale.OrderId, sale.UpdatedAt));
                    if (counting && entry.State == EntityState.Added)
                    {
                        (counted ??= []).Add((sale.Type.ToString(), sale.BusinessIdentity));
                    }

                    break;
                case Order order when entry.State == EntityState.Added || entry.Property(nameof(Order.Status)).IsModified:
                    // Status only: ledger moves are announced by their after-sales and refunds.
                    messages.Add(new OutboxMessage(OutboxTopics.OrderChanged, order.OrderId, order.OrderId, order.UpdatedAt));
                    break;
                case RefundRecord refund when entry.State == EntityState.Added:
                    messages.Add(new OutboxMessage(OutboxTopics.RefundCompleted, refund.AfterSaleId, refund.OrderId, refund.PaidAt));
                    if (counting)
                    {
                        // The refund is recorded in the unit of work that completes its after-sale, which is tracked.
                        var identity = db.ChangeTracker.Entries<AfterSale>().FirstOrDefault(a => a.Entity.AfterSaleId == refund.AfterSaleId)?.Entity.BusinessIdentity;
                        (counted ??= []).Add((null, identity ?? "unknown"));
                    }

                    break;
            }
        }

        db.OutboxMessages.AddRange(messages);
        return messages.Count > 0;
    }

    private static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    private sealed record ClaimRow(bool Archived, string AfterSaleId, AfterSaleStatus Status, decimal FreightRefund, int? LineNo, int? Quantity, decimal? RefundAmount);

    /// <summary>
    /// The two reads of every application, compiled once: EF otherwise builds the LINQ tree and looks it up in its query
    /// cache on every call, a cost docs/benchmarks.md measured. A compiled query is bound to one
    /// model, and a process can run both engines (the tests do), hence one set per model.
    /// </summary>
    private sealed class CompiledReads
    {
        private static readonly ConcurrentDictionary<IModel, CompiledReads> ByModel = new();

        // One round trip: an order has few discounts, so the lines × discounts join stays small, and every request and
        // background step of an order starts here.
        public Func<ReverseDbContext, string, CancellationToken, Task<Order?>> OrderById { get; } = EF.CompileAsyncQuery(
            (ReverseDbContext db, string orderId, CancellationToken _) => db.Orders.Include(o => o.Lines).Include(o => o.Discounts).AsSingleQuery()
                .FirstOrDefault(o => o.OrderId == orderId));

        // The hot rows and the archive's in one statement. The archive is read through the hot tables' mapping (its
        // tables have the same columns, see ArchivedAfterSales); the SQL text must be a constant here, in the tree.
        public Func<ReverseDbContext, string, IAsyncEnumerable<ClaimRow>> ClaimRowsOfOrder { get; } = EF.CompileAsyncQuery(
            (ReverseDbContext db, string orderId) =>
                (from sale in db.AfterSales
                 where sale.OrderId == orderId
                 from line in sale.Lines.DefaultIfEmpty()
                 select new { Archived = false, sale.AfterSaleId, sale.Status, sale.FreightRefund, LineNo = (int?)line!.LineNo, Quantity = (int?)line.Quantity, RefundAmount = (decimal?)line.RefundAmount })
                .Concat(
                    from sale in db.AfterSales.FromSqlRaw("SELECT * FROM " + ArchivedAfterSales.SalesTable)
                    where sale.OrderId == orderId
                    from line in db.Set<AfterSaleLine>().FromSqlRaw("SELECT * FROM " + ArchivedAfterSales.LinesTable)
                        .Where(l => l.AfterSaleId == sale.AfterSaleId).DefaultIfEmpty()
                    select new { Archived = true, sale.AfterSaleId, sale.Status, sale.FreightRefund, LineNo = (int?)line!.LineNo, Quantity = (int?)line.Quantity, RefundAmount = (decimal?)line.RefundAmount })
                .Select(r => new ClaimRow(r.Archived, r.AfterSaleId, r.Status, r.FreightRefund, r.LineNo, r.Quantity, r.RefundAmount)));

        public static CompiledReads For(ReverseDbContext db) => ByModel.GetOrAdd(db.Model, static _ => new CompiledReads());
    }
}
