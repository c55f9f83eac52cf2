namespace ReversePaas.Sdk;

/// <summary>The roles that act on orders and after-sales (API keys carry one).</summary>
public enum ActorRole
{
    /// <summary>The customer who placed the order.</summary>
    User = 0,

    /// <summary>The merchant (venderId) who sold the order.</summary>
    Merchant = 1,

    /// <summary>Platform customer service (also the account manager of B2B lines).</summary>
    CustomerService = 2,

    /// <summary>Platform operations.</summary>
    Ops = 3,

    /// <summary>Another system (order center, warehouse) or the kernel's own jobs.</summary>
    System = 4,

    /// <summary>Risk control: reads every after-sale and holds or releases refunds.</summary>
    Risk = 5,
}
