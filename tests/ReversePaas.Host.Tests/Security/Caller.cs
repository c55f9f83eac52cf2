using ReversePaas.Host.Tests.Support;

namespace ReversePaas.Host.Tests.Security;

/// <summary>
/// One column of the access matrix: who calls. The orders the probes create belong to user <c>u-1</c> and merchant
/// <c>v-1</c>, so <see cref="RunningHost.UserKey"/> and <see cref="RunningHost.MerchantKey"/> own them and the
/// "other" keys (<c>u-2</c>, <c>v-2</c>) do not.
/// </summary>
internal sealed record Caller(string Name, string? Key)
{
    /// <summary>The columns, in the matrix's order.</summary>
    public static IReadOnlyList<Caller> All { get; } =
    [
        new("no key", null),
        new("unknown key", "not-a-configured-key"),
        new("User (owner)", RunningHost.UserKey),
        new("other User", RunningHost.OtherUserKey),
        new("Merchant (of the order)", RunningHost.MerchantKey),
        new("other Merchant", RunningHost.OtherMerchantKey),
        new("CustomerService", RunningHost.CustomerServiceKey),
        new("Ops", RunningHost.OpsKey),
        new("System", RunningHost.SystemKey),
        new("Risk", RunningHost.RiskKey),
    ];
}
