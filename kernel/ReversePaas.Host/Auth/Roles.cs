namespace ReversePaas.Host.Auth;

/// <summary>The caller roles of the REST contract.</summary>
internal static class Roles
{
    public const string User = "User";
    public const string Merchant = "Merchant";
    public const string CustomerService = "CustomerService";
    public const string Ops = "Ops";
    public const string System = "System";

    public static readonly string[] All = [User, Merchant, CustomerService, Ops, System];
}
