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
using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Persistence;

/// <summary>The activities' unit of work over EF Core (one per request or work item).</summary>
public sealed class EfReverseStore : IReverseStore
{
    private readonly ReverseDbContext _db;
    private readonly IOutboxSignal? _signal;
    private readonly Writes.DirectChangeWriter? _writer;
    private AppliedMessage? _appliedMessage;

    /// <summary>
    /// Creates the store over a context; <paramref name="signal"/> wakes the outbox dispatcher after a commit;
    /// <paramref name="writer"/> (PostgreSQL, <c>Persistence:DirectWrites</c>) writes what it can without EF's update
    /// pipeline.
    /// </summary>
    public EfReverseStore(ReverseDbContext db, IOutboxSignal? signal = null, Writes.DirectChangeWriter? writer = null)
    {
        _db = db;
        _signal = signal;
        _writer = writer;
    }

    /// <inheritdoc />
    public Task<Order?> FindOrderAsync(string orderId, CancellationToken cancellationToken)
        => CompiledReads.For(_db).OrderById(_db, orderId, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<AfterSale>> AfterSalesOfOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        // Hot first, then the archive: an after-sale the mover moves between the two reads is seen twice (kept once),
        // never missed, so what the order claims is never undercounted.
        var sales = await _db.AfterSales.AsNoTracking().Include(a => a.Lines).Where(a => a.OrderId == orderId).ToListAsync(cancellationToken);
        var hot = sales.Select(s => s.AfterSaleId).ToHashSet(StringComparer.Ordinal);
        var archivedIds = await ArchivedAfterSales.Sales(_db).Where(a => a.OrderId == orderId).Select(a => a.AfterSaleId).ToListAsync(cancellationToken);
        archivedIds.RemoveAll(hot.Contains);
        sales.AddRange(await ArchivedAfterSales.LoadAsync(_db, archivedIds, cancellationToken));
        return sales;
    }

    /// <inheritdoc />
    public async Task<OrderClaims> ClaimsOfOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        // Only the columns the sums need, one row per line (one with no line for an after-sale without lines): an
        // application of an order with many after-sales would otherwise parse every one's history and track nothing of it.
        var claims = new OrderClaims();
        var hot = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in CompiledReads.For(_db).ClaimRowsOfOrder(_db, orderId).WithCancellation(cancellationToken))
        {
            hot.Add(row.AfterSaleId);
            claims.Count(row.Status, row.FreightRefund, row.LineNo, row.Quantity ?? 0, row.RefundAmount ?? 0m);
        }

        // Archived after-sales keep claiming what they refunded or took back (issue 20): read after the hot rows, so one
        // the mover moves in between is seen in both and counted once (the hot row), never in neither.
        var archived =
            from sale in ArchivedAfterSales.Sales(_db)
            where sale.OrderId == orderId
            from line in ArchivedAfterSales.Lines(_db).Where(l => l.AfterSaleId == sale.AfterSaleId).DefaultIfEmpty()
            select new ClaimRow(sale.AfterSaleId, sale.Status, sale.FreightRefund, (int?)line!.LineNo, (int?)line.Quantity, (decimal?)line.RefundAmount);
        await foreach (var row in archived.AsAsyncEnumerable().WithCancellation(cancellationToken))
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
        => _db.AfterSales.Include(a => a.Lines).AsSingleQuery()
            .FirstOrDefaultAsync(a => a.AfterSaleId == afterSaleId, cancellationToken);

    /// <inheritdoc />
    public async Task<AfterSale?> FindArchivedAfterSaleAsync(string afterSaleId, CancellationToken cancellationToken)
        => (await ArchivedAfterSales.LoadAsync(_db, [afterSaleId], cancellationToken)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<(AfterSale AfterSale, string? Fingerprint)?> FindByIdempotencyKeyAsync(Actor applicant, string key, CancellationToken cancellationToken)
    {
        var role = applicant.Role.ToString();
        var hit = await _db.AfterSales.AsNoTracking()
            .Where(a => a.ApplicantRole == role && a.ApplicantSubject == applicant.Subject && EF.Property<string?>(a, ReverseDbContext.IdempotencyKey) == key)
            .Select(a => new { a.AfterSaleId, Fingerprint = EF.Property<string?>(a, ReverseDbContext.RequestFingerprint) })
            .FirstOrDefaultAsync(cancellationToken);
        if (hit is null)
        {
            return null;
        }

        var sale = await FindAfterSaleAsync(hit.AfterSaleId, cancellationToken);
        return sale is null ? null : (sale, hit.Fingerprint);
    }

    /// <inheritdoc />
    public Task<bool> RefundRecordedAsync(string afterSaleId, CancellationToken cancellationToken)
        => _db.Refunds.AnyAsync(r => r.AfterSaleId == afterSaleId, cancellationToken);

    /// <inheritdoc />
    public void Add(Order order) => _db.Orders.Add(order);

    /// <inheritdoc />
    public void Add(AfterSale afterSale, string? idempotencyKey, string? fingerprint)
    {
        var entry = _db.AfterSales.Add(afterSale);
        entry.Property(ReverseDbContext.IdempotencyKey).CurrentValue = idempotencyKey;
        entry.Property(ReverseDbContext.RequestFingerprint).CurrentValue = fingerprint;
    }

    /// <inheritdoc />
    public void Add(RefundRecord refund) => _db.Refunds.Add(refund);

    /// <inheritdoc />
    public Task<bool> MessageAppliedAsync(string messageId, CancellationToken cancellationToken)
        => _db.AppliedMessages.AsNoTracking().AnyAsync(m => m.MessageId == messageId, cancellationToken);

    /// <inheritdoc />
    public void RecordMessageApplied(string messageId, string type, DateTimeOffset appliedAt) => _appliedMessage = new AppliedMessage { MessageId = messageId, Type = type, AppliedAt = appliedAt };

    /// <inheritdoc />
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (_appliedMessage is { } applied)
        {
            // Added only now: the activity reset the context under the order's lock after the record was asked for.
            _db.AppliedMessages.Add(applied);
            _appliedMessage = null;
        }

        var announced = WriteOutboxMessages(out var counted);
        // WriteOutboxMessages already detected the changes (and only added rows since): SaveChanges need not scan again.
        _db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            if (_writer is null || !await _writer.TrySaveAsync(_db, cancellationToken))
            {
                await _db.SaveChangesAsync(cancellationToken);
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
            _db.ChangeTracker.Clear();
            throw new TransientConflictException("The order or after-sale was changed by someone else at the same time; nothing was written. Retry.", TimeSpan.FromSeconds(1), ex);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            _db.ChangeTracker.Clear();
            throw new DuplicateException("A record with the same key already exists; nothing was written.", ex);
        }
        finally
        {
            _db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    /// <inheritdoc />
    public void Reset() => _db.ChangeTracker.Clear();

    // The outbox rows join the same SaveChanges, hence the same transaction, as the changes they announce.
    // What it adds is also what the metrics count once the save commits (counted: type and identity of each after-sale
    // opened, a null type for each refund recorded; null while nothing listens to those counters).
    private bool WriteOutboxMessages(out List<(string? Type, string Identity)>? counted)
    {
        _db.ChangeTracker.DetectChanges();
        var messages = new List<OutboxMessage>();
        counted = null;
        var counting = KernelMetrics.AfterSalesOpened.Enabled || KernelMetrics.RefundsCompleted.Enabled;
        foreach (var entry in _db.ChangeTracker.Entries())
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
                        var identity = _db.ChangeTracker.Entries<AfterSale>().FirstOrDefault(a => a.Entity.AfterSaleId == refund.AfterSaleId)?.Entity.BusinessIdentity;
                        (counted ??= []).Add((null, identity ?? "unknown"));
                    }

                    break;
            }
        }

        _db.OutboxMessages.AddRange(messages);
        return messages.Count > 0;
    }

    private static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    private sealed record ClaimRow(string AfterSaleId, AfterSaleStatus Status, decimal FreightRefund, int? LineNo, int? Quantity, decimal? RefundAmount);

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

        public Func<ReverseDbContext, string, IAsyncEnumerable<ClaimRow>> ClaimRowsOfOrder { get; } = EF.CompileAsyncQuery(
            (ReverseDbContext db, string orderId) =>
                from sale in db.AfterSales
                where sale.OrderId == orderId
                from line in sale.Lines.DefaultIfEmpty()
                select new ClaimRow(sale.AfterSaleId, sale.Status, sale.FreightRefund, (int?)line!.LineNo, (int?)line.Quantity, (decimal?)line.RefundAmount));

        public static CompiledReads For(ReverseDbContext db) => ByModel.GetOrAdd(db.Model, static _ => new CompiledReads());
    }
}
