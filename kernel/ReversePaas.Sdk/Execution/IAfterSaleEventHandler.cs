using System.Diagnostics.CodeAnalysis;

namespace ReversePaas.Sdk.Execution;

/// <summary>
/// Hears every status change of the after-sales of the identities it serves, so a business line can tell its own
/// systems without polling. Called from the outbox after the change is committed, at least once per change (dedupe by
/// <see cref="AfterSaleStatusChange.EventId"/>), in the order of the after-sale's timeline, under the call budget; a
/// handler that fails or times out is called again later with the same change, and never holds up the others. The
/// kernel has none. Since Sdk 1.2.
/// </summary>
[ExtensionPoint(Code, Activity.Execution, CombineMode.Chain, Description = "Hears each status change of an after-sale, after it is committed (notify the business line's systems).")]
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "The design card's name for this kind of extension: a handler of after-sale events, not a .NET event delegate.")]
public interface IAfterSaleEventHandler
{
    /// <summary>The code of this extension point.</summary>
    const string Code = "execution.after-sale-event";

    /// <summary>Handles one status change; throwing (or running over the budget) has it delivered again later.</summary>
    Task HandleAsync(AfterSaleStatusChange change, CancellationToken cancellationToken);
}
