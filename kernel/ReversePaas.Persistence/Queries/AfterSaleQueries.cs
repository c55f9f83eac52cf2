using Microsoft.EntityFrameworkCore;
using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Domain;
using ReversePaas.Persistence.Archive;
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

    /// <summary>The after-sale, hot or archived, if <paramref name="actor"/> may see it (404 otherwise).</summary>
    public async Task<AfterSale> GetAsync(string afterSaleId, Actor actor, CancellationToken cancellationToken)
        => (await FindAsync(afterSaleId, actor, cancellationToken)).Sale;

    /// <summary>
    /// The after-sale and whether it is archived, if <paramref name="actor"/> may see it (404 otherwise). Hot first, then
    /// the archive: one moved between the two reads is found in the archive.
    /// </summary>
    public async Task<(AfterSale Sale, bool Archived)> FindAsync(string afterSaleId, Actor actor, CancellationToken cancellationToken)
    {
        var sale = await _db.AfterSales.AsNoTracking().Include(a => a.Lines).AsSingleQuery()
            .FirstOrDefaultAsync(a => a.AfterSaleId == afterSaleId, cancellationToken);
        var archived = false;
        if (sale is null)
        {
            sale = (await ArchivedAfterSales.LoadAsync(_db, [afterSaleId], cancellationToken)).FirstOrDefault();
            archived = sale is not null;
        }

        return sale is not null && sale.IsVisibleTo(actor) ? (sale, archived) : throw new NotFoundException("After-sale", afterSaleId);
    }

    /// <summary>
    /// After-sales parked for ops (<c>RefundFailed</c>) or whose background step keeps failing, least recently changed
    /// first, at most <paramref name="max"/> (without their lines).
    /// </summary>
    public async Task<IReadOnlyList<AfterSale>> StuckAsync(int max, CancellationToken cancellationToken)
        => await _db.AfterSales.AsNoTracking()
            .Where(a => a.Status == AfterSaleStatus.RefundFailed || (a.LastError != null && a.Status != AfterSaleStatus.Completed))
            .OrderBy(a => a.UpdatedAt).Take(max)
            .ToListAsync(cancellationToken);

    /// <summary>A page of after-sales, newest first, and the total matching (hot ones, unless the filter asks for the archive).</summary>
    public async Task<(IReadOnlyList<AfterSale> Items, int Total)> ListAsync(AfterSaleFilter filter, Actor actor, CancellationToken cancellationToken)
    {
        var (items, _, total) = await ListWithArchiveAsync(filter, actor, cancellationToken);
        return (items, total);
    }

    /// <summary>
    /// A page of after-sales, newest first, the ids of those on it that are archived, and the total matching. Hot ones
    /// only, unless <see cref="AfterSaleFilter.IncludeArchived"/>: then the archive's matches are merged in, ordered and
    /// paged as one list (the total counts both).
    /// </summary>
    public async Task<(IReadOnlyList<AfterSale> Items, IReadOnlySet<string> Archived, int Total)> ListWithArchiveAsync(AfterSaleFilter filter, Actor actor, CancellationToken cancellationToken)
    {
        IReadOnlyCollection<string>? indexed = null;
        if (filter.Text is { Length: > 0 } searched && _search.UseReadModel)
        {
            indexed = await _index.MatchingIdsAsync(searched, cancellationToken);
        }

        var hot = Filtered(_db.AfterSales.AsNoTracking(), _db.Set<AfterSaleLine>().AsNoTracking(), filter, actor, indexed);
        if (!filter.IncludeArchived)
        {
            var total = await hot.CountAsync(cancellationToken);
            var items = await hot
                .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.AfterSaleId)
                .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize)
                .Include(a => a.Lines).AsSplitQuery()
                .ToListAsync(cancellationToken);
            return (items, new HashSet<string>(), total);
        }

        // The search read model indexes hot after-sales only: text is matched in the archive's own columns and lines.
        var archive = Filtered(ArchivedAfterSales.Sales(_db), ArchivedAfterSales.Lines(_db), filter, actor, indexed: null);
        var all = await hot.CountAsync(cancellationToken) + await archive.CountAsync(cancellationToken);
        // Anonymous keys: EF translates a set operation over them (UNION ALL), not over a constructed record.
        var page = await hot.Select(a => new { a.AfterSaleId, a.CreatedAt })
            .Concat(archive.Select(a => new { a.AfterSaleId, a.CreatedAt }))
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.AfterSaleId)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize)
            .Select(k => k.AfterSaleId)
            .ToListAsync(cancellationToken);
        var found = (await _db.AfterSales.AsNoTracking().Where(a => page.Contains(a.AfterSaleId)).Include(a => a.Lines).AsSplitQuery().ToListAsync(cancellationToken))
            .ToDictionary(a => a.AfterSaleId, StringComparer.Ordinal);
        var archived = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sale in await ArchivedAfterSales.LoadAsync(_db, [.. page.Where(id => !found.ContainsKey(id))], cancellationToken))
        {
            found[sale.AfterSaleId] = sale;
            archived.Add(sale.AfterSaleId);
        }

        // One moved between the page's read and the loads is found in the archive; none can vanish (a move commits both).
        return ([.. page.Where(found.ContainsKey).Select(id => found[id])], archived, all);
    }

    /// <summary>The filters on after-sales <paramref name="sales"/> whose lines are <paramref name="lines"/> (hot or archived).</summary>
    private static IQueryable<AfterSale> Filtered(IQueryable<AfterSale> sales, IQueryable<AfterSaleLine> lines, AfterSaleFilter filter, Actor actor, IReadOnlyCollection<string>? indexed)
    {
        var query = actor.Role switch
        {
            ActorRole.User => sales.Where(a => a.UserId == actor.Subject),
            ActorRole.Merchant => sales.Where(a => a.VenderId == actor.Subject),
            _ => sales,
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

        if (indexed is not null)
        {
            query = query.Where(a => indexed.Contains(a.AfterSaleId));
        }
        else if (filter.Text is { Length: > 0 } text)
        {
            var needle = text.ToLowerInvariant();
            // These run as SQL lower()/LIKE, not in .NET: culture and comparison overloads do not translate.
#pragma warning disable CA1304, CA1311, CA1862
            query = query.Where(a => a.AfterSaleId.ToLower().Contains(needle)
                || a.OrderId.ToLower().Contains(needle)
                || a.Reason.ToLower().Contains(needle)
                || lines.Any(l => l.AfterSaleId == a.AfterSaleId && (l.SkuName.ToLower().Contains(needle) || l.SkuId.ToLower().Contains(needle))));
#pragma warning restore CA1304, CA1311, CA1862
        }

        return query;
    }
}
