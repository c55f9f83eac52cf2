namespace ReversePaas.Persistence.Search;

/// <summary>Where the back-fill is: saved in the same transaction as each batch.</summary>
public sealed class SearchBackfillCheckpoint
{
    /// <summary>Which back-fill.</summary>
    public string Id { get; set; } = "";

    /// <summary>The last key done ("" before the first).</summary>
    public string LastKey { get; set; } = "";

    /// <summary>Rows indexed since the checkpoint was created.</summary>
    public long Processed { get; set; }

    /// <summary>When it last moved.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
