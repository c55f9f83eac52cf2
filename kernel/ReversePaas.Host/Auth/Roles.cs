namespace ReversePaas.Host.Auth;

/// <summary>The caller roles of the REST contract.</summary>
internal static class Roles
{
    public const string User = "User";
    public const string Merchant = "Merchant";
    public const string CustomerService = "CustomerService";
    public const string Ops = "Ops";
    public const string System = "System";

    // Risk control (API.md v1.1): reads every after-sale, holds and releases refunds.
    public const string Risk = "Risk";

    public static readonly string[] All = [User, Merchant, CustomerService, Ops, System, Risk];
}
