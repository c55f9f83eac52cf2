namespace ReversePaas.Host.Validation;

/// <summary>
/// How long and how many the fields of a request may be (configuration section <c>Limits</c>, beside
/// <c>Limits:MaxRequestBodyBytes</c>). The defaults fit every legitimate request by a wide margin; they exist so that
/// a hostile one is refused with a 400 that names the field, never stored or echoed back whole.
/// </summary>
internal sealed class FieldLimits
{
    public const string Section = "Limits";

    /// <summary>Free text: reasons, comments (default 2,000 characters).</summary>
    public int MaxTextLength { get; set; } = 2000;

    /// <summary>Identifiers: order, user, merchant, SKU, carrier, tracking number (default 64 characters).</summary>
    public int MaxIdLength { get; set; } = 64;

    /// <summary>SKU names (default 256 characters).</summary>
    public int MaxNameLength { get; set; } = 256;

    /// <summary>Evidence URLs per application (default 20), each of at most <see cref="MaxEvidenceLength"/> characters.</summary>
    public int MaxEvidence { get; set; } = 20;

    /// <summary>One evidence URL (default 1,000 characters).</summary>
    public int MaxEvidenceLength { get; set; } = 1000;

    /// <summary>Lines of one application (default 100).</summary>
    public int MaxApplicationLines { get; set; } = 100;

    /// <summary>Attributes of an order (default 50), each value of at most <see cref="MaxAttributeValueLength"/> characters.</summary>
    public int MaxAttributes { get; set; } = 50;

    /// <summary>One attribute's value (default 256 characters).</summary>
    public int MaxAttributeValueLength { get; set; } = 256;

    /// <summary>The pickup address's contact name (default 64 characters).</summary>
    public int MaxPickupNameLength { get; set; } = 64;

    /// <summary>The pickup address's phone, separators included (default 32 characters).</summary>
    public int MaxPickupPhoneLength { get; set; } = 32;

    /// <summary>The pickup address's address line (default 256 characters).</summary>
    public int MaxPickupAddressLength { get; set; } = 256;

    /// <summary>The search text of the after-sale list (default 200 characters).</summary>
    public int MaxSearchTextLength { get; set; } = 200;

    /// <summary>An <c>Idempotency-Key</c> header (default 128 characters).</summary>
    public int MaxIdempotencyKeyLength { get; set; } = 128;

    /// <summary>
    /// Fields reported per answer (default 50). A body of thousands of empty lines would otherwise get an answer a
    /// hundred times its size (every line's every field); the first ones are enough to fix the request.
    /// </summary>
    public int MaxReportedFields { get; set; } = 50;
}
