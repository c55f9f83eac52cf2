namespace ReversePaas.Host.Validation;

/// <summary>Limits shared by request validation.</summary>
internal static class OrderRegistrationRulesLimits
{
    public const int MaxQuantity = 1_000_000;
}
