using Microsoft.EntityFrameworkCore;

namespace ReversePaas.Persistence.Search;

/// <summary>Proves the search index complete (the seed's count check) and fresh (a sample of documents against the tables).</summary>
public sealed class SearchVerification
{
    private readonly ReverseDbContext _db;
    private readonly ISearchIndex _index;

    /// <summary>Creates the verification of <paramref name="index"/> against the after-sales of <paramref name="db"/>.</summary>
    public SearchVerification(ReverseDbContext db, ISearchIndex index)
    {
        _db = db;
        _index = index;
    }

    /// <summary>Counts both sides and compares up to <paramref name="sampleSize"/> after-sales with their documents.</summary>
    public async Task<SearchVerificationResult> VerifyAsync(int sampleSize, CancellationToken cancellationToken)
    {
        var afterSales = await _db.AfterSales.CountAsync(cancellationToken);
        var documents = await _index.CountAsync(cancellationToken);
        // A sample spread over the key range: every n-th id.
        var step = Math.Max(1, afterSales / Math.Max(1, sampleSize));
        var ids = await _db.AfterSales.AsNoTracking().OrderBy(a => a.AfterSaleId).Select(a => new { a.AfterSaleId, a.Version }).ToListAsync(cancellationToken);
        var sample = ids.Where((_, i) => i % step == 0).Take(sampleSize).ToList();
        var sampleIds = sample.Select(s => s.AfterSaleId).ToList();
        var docs = await _index.VersionsAsync(sampleIds, cancellationToken);
        var missing = sample.Where(s => !docs.ContainsKey(s.AfterSaleId)).Select(s => s.AfterSaleId).ToList();
        var stale = sample.Where(s => docs.TryGetValue(s.AfterSaleId, out var v) && v != s.Version).Select(s => s.AfterSaleId).ToList();
        return new SearchVerificationResult(afterSales, documents, sample.Count, missing, stale);
    }
}
