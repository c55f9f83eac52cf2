namespace ReversePaas.Sdk.Review;

/// <summary>Who reviews an after-sale that no auto-approve rule settled.</summary>
public enum Reviewer
{
    /// <summary>The platform's customer service (also acting as account manager for B2B lines).</summary>
    CustomerService = 0,

    /// <summary>The merchant (venderId) who sold the order.</summary>
    Merchant = 1,
}
