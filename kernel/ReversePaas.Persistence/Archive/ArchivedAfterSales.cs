using Microsoft.EntityFrameworkCore;
using ReversePaas.Kernel.AfterSales;

namespace ReversePaas.Persistence.Archive;

/// <summary>
/// Reads of the archive through the hot tables' EF mapping: the archive tables have the same columns (schema script
/// 0023), so <c>FromSql</c> over them materialises the same <see cref="AfterSale"/> and lines, and LINQ composes over
/// them (filters, joins, paging) as over the hot ones. Read-only: nothing here is saved.
/// </summary>
public static class ArchivedAfterSales
{
    /// <summary>The archive's after-sale table (schema <c>archive</c>: a PostgreSQL schema, or the attached SQLite file).</summary>
    public const string SalesTable = "archive.archived_after_sales";

    /// <summary>The archive's line table.</summary>
    public const string LinesTable = "archive.archived_after_sale_lines";

    /// <summary>Archived after-sales, without their lines (compose filters over it).</summary>
    public static IQueryable<AfterSale> Sales(ReverseDbContext db)
        => db.AfterSales.FromSqlRaw("SELECT * FROM " + SalesTable).AsNoTracking();

    /// <summary>Lines of archived after-sales.</summary>
    public static IQueryable<AfterSaleLine> Lines(ReverseDbContext db)
        => db.Set<AfterSaleLine>().FromSqlRaw("SELECT * FROM " + LinesTable).AsNoTracking();

    /// <summary>The archived after-sales among <paramref name="ids"/>, with their lines (ids not archived are left out).</summary>
    public static async Task<List<AfterSale>> LoadAsync(ReverseDbContext db, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        // Tracked, so that EF puts the lines into their after-sales (the navigation cannot Include over FromSql: it would
        // join the hot line table); detached again at once, so that no later save of this context writes them anywhere.
        var sales = await db.AfterSales.FromSqlRaw("SELECT * FROM " + SalesTable).AsTracking()
            .Where(a => ids.Contains(a.AfterSaleId)).ToListAsync(cancellationToken);
        if (sales.Count == 0)
        {
            return sales;
        }

        var found = sales.Select(s => s.AfterSaleId).ToList();
        var lines = await db.Set<AfterSaleLine>().FromSqlRaw("SELECT * FROM " + LinesTable).AsTracking()
            .Where(l => found.Contains(l.AfterSaleId)).OrderBy(l => l.AfterSaleId).ThenBy(l => l.LineNo).ToListAsync(cancellationToken);
        foreach (var line in lines)
        {
            db.Entry(line).State = EntityState.Detached;
        }

        foreach (var sale in sales)
        {
            db.Entry(sale).State = EntityState.Detached;
        }

        return sales;
    }
}
