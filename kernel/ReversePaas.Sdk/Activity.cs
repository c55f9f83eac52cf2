namespace ReversePaas.Sdk;

/// <summary>The four domain activities of reverse fulfillment, in the order a flow runs them.</summary>
public enum Activity
{
    /// <summary>Validating and accepting an after-sale request (eligibility, split-data match, amounts).</summary>
    Application = 0,

    /// <summary>Stopping goods that have not left yet (warehouse push, WMS interception).</summary>
    Interception = 1,

    /// <summary>Deciding whether an after-sale is approved, by rule or by a person.</summary>
    Review = 2,

    /// <summary>Carrying an approved after-sale out: return logistics, receipt, refund, exchange, repair.</summary>
    Execution = 3,
}
