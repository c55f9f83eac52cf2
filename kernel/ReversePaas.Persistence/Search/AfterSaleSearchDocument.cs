namespace ReversePaas.Persistence.Search;

/// <summary>
/// The search read model's document of one after-sale: filter columns and one text field (ids, reason, SKU ids and
/// names). Written by the outbox consumer and the back-fill from the after-sale's state, only through
/// <see cref="ISearchIndex"/> (an upsert that never replaces a newer version).
/// </summary>
public sealed class AfterSaleSearchDocument
{
    /// <summary>The after-sale.</summary>
    public string AfterSaleId { get; set; } = "";

    public string OrderId { get; set; } = "";

    public string UserId { get; set; } = "";

    public string VenderId { get; set; } = "";

    /// <summary>Current status.</summary>
    public string Status { get; set; } = "";

    public string Type { get; set; } = "";

    /// <summary>Lower-cased searchable text.</summary>
    public string Text { get; set; } = "";

    /// <summary>The after-sale's version the document was built from.</summary>
    public long Version { get; set; }

    /// <summary>When the after-sale was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the document was written.</summary>
    public DateTimeOffset IndexedAt { get; set; }
}
