namespace ReversePaas.Persistence.Search;

/// <summary>Configuration section <c>Search</c>.</summary>
public sealed class SearchOptions
{
    /// <summary>
    /// The seed's toggle: when true, <c>q=</c> of the after-sale list is answered from the search read model (SQLite FTS5
    /// trigram / PostgreSQL pg_trgm, fuzzy); when false, by a plain substring query on the after-sales. Default false.
    /// </summary>
    public bool UseReadModel { get; set; }
}
