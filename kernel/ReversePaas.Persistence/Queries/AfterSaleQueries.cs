using Microsoft.EntityFrameworkCore;
using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Domain;
using ReversePaas.Persistence.Search;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Persistence.Queries;

/// <summary>
/// Read side of after-sales: one by id, and the filtered list as a plain database query (the search read model
/// replaces the text part later). Users see their own after-sales, merchants their store's.
/// </summary>
public sealed class AfterSaleQueries
{
    private readonly ReverseDbContext _db;
    private readonly SearchOptions _search;
    private readonly ISearchIndex _index;

    /// <summary>
    /// Creates the queries; <paramref name="search"/> says whether text goes to the search index
    /// (<paramref name="index"/>; the database read model when none is given).
    /// </summary>
    public AfterSaleQueries(ReverseDbContext db, SearchOptions search, ISearchIndex? index = null)
    {
        _db = db;
        _search = search;
        _index = index ?? new DatabaseSearchIndex(db);
    }

    /// <summary>The after-sale, if <paramref name="actor"/> may see it (404 otherwise).</summary>
    public async Task<AfterSale> GetAsync(string afterSaleId, Actor actor, CancellationToken cancellationToken)
    {
        var sale = await _db.AfterSales.AsNoTracking().Include(a => a.Lines).AsSingleQuery()
            .FirstOrDefaultAsync(a => a.AfterSaleId == afterSaleId, cancellationToken);
        return sale is not null && sale.IsVisibleTo(actor) ? sale : throw new NotFoundException("After-sale", afterSaleId);
    }

    /// <summary>A page of after-sales, newest first, and the total matching.</summary>
    /// <summary>
    /// After-sales parked for ops (<c>RefundFailed</c>) or whose background step keeps failing, least recently changed
    /// first, at most <paramref name="max"/> (without their lines).
    /// </summary>
    public async Task<IReadOnlyList<AfterSale>> StuckAsync(int max, CancellationToken cancellationToken)
        => await _db.AfterSales.AsNoTracking()
            .Where(a => a.Status == AfterSaleStatus.RefundFailed || (a.LastError != null && a.Status != AfterSaleStatus.Completed))
            .OrderBy(a => a.UpdatedAt).Take(max)
            .ToListAsync(cancellationToken);

    public async Task<(IReadOnlyList<AfterSale> Items, int Total)> ListAsync(AfterSaleFilter filter, Actor actor, CancellationToken cancellationToken)
    {
        var query = _db.AfterSales.AsNoTracking();
        query = actor.Role switch
        {
            ActorRole.User => query.Where(a => a.UserId == actor.Subject),
            ActorRole.Merchant => query.Where(a => a.VenderId == actor.Subject),
            _ => query,
        };
        if (filter.OrderId is { Length: > 0 } orderId)
        {
            query = query.Where(a => a.OrderId == orderId);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(a => a.Status == status);
        }

        if (filter.Type is { } type)
        {
            query = query.Where(a => a.Type == type);
        }

        if (filter.Held is { } held)
        {
            query = held ? query.Where(a => a.HoldAt != null) : query.Where(a => a.HoldAt == null);
        }

        if (filter.VenderId is { Length: > 0 } venderId)
        {
            query = query.Where(a => a.VenderId == venderId);
        }

        if (filter.Text is { Length: > 0 } searched && _search.UseReadModel)
        {
            var ids = await _index.MatchingIdsAsync(searched, cancellationToken);
            query = query.Where(a => ids.Contains(a.AfterSaleId));
        }
        else if (filter.Text is { Length: > 0 } text)
        {
            var needle = text.ToLowerInvariant();
            // These run as SQL lower()/LIKE, not in .NET: culture and comparison overloads do not translate.
#pragma warning disable CA1304, CA1311, CA1862
            query = query.Where(a => a.AfterSaleId.ToLower().Contains(needle)
                || a.OrderId.ToLower().Contains(needle)
                || a.Reason.ToLower().Contains(needle)
                || a.Lines.Any(l => l.SkuName.ToLower().Contains(needle) || l.SkuId.ToLower().Contains(needle)));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.AfterSaleId)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize)
            .Include(a => a.Lines).AsSplitQuery()
            .ToListAsync(cancellationToken);
        return (items, total);
    }
}
