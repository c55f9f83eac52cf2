namespace ReversePaas.Host.Auth;

/// <summary>One API key: the secret, the caller's role and subject (userId for User, venderId for Merchant).</summary>
public sealed class ApiKeyEntry
{
    /// <summary>The secret sent as <c>X-Api-Key</c>.</summary>
    public string Key { get; set; } = "";

    /// <summary>One of User, Merchant, CustomerService, Ops, System.</summary>
    public string Role { get; set; } = "";

    /// <summary>Who the caller is: userId for User, venderId for Merchant, a name otherwise.</summary>
    public string Subject { get; set; } = "";
}
