namespace ReversePaas.Sdk.Review;

/// <summary>
/// Decides whether a new after-sale is approved without review. Kernel default: approve refunds of at
/// most the identity setting <c>review.autoApproveMaxAmount</c> when it is set; otherwise review.
/// </summary>
[ExtensionPoint(Code, Activity.Review, CombineMode.Single, Description = "Approves an after-sale without review (e.g. small refunds for trusted users).")]
public interface IAutoApprovePolicy
{
    /// <summary>The code of this extension point.</summary>
    const string Code = "review.auto-approve";

    /// <summary>Decides.</summary>
    AutoApproveDecision Decide(AutoApproveContext context);
}
