namespace ReversePaas.Persistence.Search;

/// <summary>How far a back-fill got.</summary>
/// <param name="Processed">After-sales indexed by this run.</param>
/// <param name="LastKey">The checkpoint: the last after-sale id done.</param>
/// <param name="Completed">True when no after-sale is left after the checkpoint.</param>
public sealed record BackfillResult(int Processed, string LastKey, bool Completed);
