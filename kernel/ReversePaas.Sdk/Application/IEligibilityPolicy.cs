namespace ReversePaas.Sdk.Application;

/// <summary>
/// Decides which after-sale types an order may have now (by status and time windows). Kernel default:
/// DOMAIN.md section 2, windows from the settings <c>returns.windowDays</c> (7), <c>exchange.windowDays</c>
/// (7) and <c>repair.warrantyDays</c> (365).
/// </summary>
[ExtensionPoint(Code, Activity.Application, CombineMode.Single, Description = "Which after-sale types an order may have now (status and windows).")]
public interface IEligibilityPolicy
{
    /// <summary>The code of this extension point.</summary>
    const string Code = "application.eligibility";

    /// <summary>Accepts or rejects the application's type for the order's state.</summary>
    ApplicationVerdict Check(ApplicationContext context);
}
