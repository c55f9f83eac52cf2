namespace ReversePaas.Persistence.Search;

/// <summary>The search index against the tables.</summary>
/// <param name="AfterSales">Rows in after_sales.</param>
/// <param name="Documents">Documents in the search index.</param>
/// <param name="Sampled">After-sales compared one by one.</param>
/// <param name="MissingInSample">Sampled after-sales without a document.</param>
/// <param name="StaleInSample">Sampled after-sales whose document was built from another version.</param>
public sealed record SearchVerificationResult(int AfterSales, int Documents, int Sampled, IReadOnlyList<string> MissingInSample, IReadOnlyList<string> StaleInSample)
{
    /// <summary>True when the counts agree and the sample found nothing missing or stale.</summary>
    public bool Consistent => AfterSales == Documents && MissingInSample.Count == 0 && StaleInSample.Count == 0;
}
