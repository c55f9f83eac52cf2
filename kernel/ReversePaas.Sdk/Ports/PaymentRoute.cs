namespace ReversePaas.Sdk.Ports;

/// <summary>Where refunded money goes.</summary>
public enum PaymentRoute
{
    /// <summary>Back the way it was paid.</summary>
    OriginalMethod = 0,

    /// <summary>To the buyer's corporate account (B2B lines).</summary>
    CorporateAccount = 1,
}
