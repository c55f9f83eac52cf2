using Microsoft.EntityFrameworkCore;

namespace ReversePaas.Persistence.Search;

/// <summary>
/// Text search over the read model: SQLite's FTS5 trigram index (substring matches), PostgreSQL's pg_trgm (substring
/// matches and word similarity, so a misspelt SKU name still finds its after-sales).
/// </summary>
public sealed class SearchReadModel
{
    private readonly ReverseDbContext _db;

    /// <summary>Creates the search over a context.</summary>
    public SearchReadModel(ReverseDbContext db)
    {
        _db = db;
    }

    /// <summary>Ids of the after-sales whose document matches <paramref name="text"/>.</summary>
    public async Task<IReadOnlyList<string>> MatchingIdsAsync(string text, CancellationToken cancellationToken)
    {
        var needle = text.Trim().ToLowerInvariant();
        if (needle.Length == 0)
        {
            return [];
        }

        var like = "%" + needle.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        if (_db.Database.IsNpgsql())
        {
            return await _db.Database.SqlQueryRaw<string>(
                "SELECT after_sale_id AS \"Value\" FROM after_sale_search WHERE text LIKE {0} ESCAPE '\\' OR {1} <% text",
                like, needle).ToListAsync(cancellationToken);
        }

        // The trigram tokenizer needs three characters; shorter needles fall back to a scan of the documents.
        return needle.Length >= 3
            ? await _db.Database.SqlQueryRaw<string>(
                "SELECT after_sale_id AS \"Value\" FROM after_sale_search_fts WHERE after_sale_search_fts MATCH {0}",
                "\"" + needle.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"").ToListAsync(cancellationToken)
            : await _db.Database.SqlQueryRaw<string>(
                "SELECT after_sale_id AS \"Value\" FROM after_sale_search WHERE text LIKE {0} ESCAPE '\\'",
                like).ToListAsync(cancellationToken);
    }
}
