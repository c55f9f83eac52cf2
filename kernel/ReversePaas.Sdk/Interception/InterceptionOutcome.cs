namespace ReversePaas.Sdk.Interception;

/// <summary>Whether the goods of a cancelled order were stopped.</summary>
public sealed class InterceptionOutcome
{
    private InterceptionOutcome(bool stopped, string note, bool awaiting = false)
    {
        Stopped = stopped;
        Note = note;
        IsAwaitingConfirmation = awaiting;
    }

    /// <summary>
    /// True when someone outside the kernel (the merchant) must confirm: the cancellation stays <c>Intercepting</c>
    /// until the merchant approves (goods stopped) or rejects (interception failed) it. Since 1.1.
    /// </summary>
    public bool IsAwaitingConfirmation { get; }

    /// <summary>True when the goods will not ship: the cancellation goes on to the refund.</summary>
    public bool Stopped { get; }

    /// <summary>What happened, for the timeline.</summary>
    public string Note { get; }

    /// <summary>The goods were stopped.</summary>
    public static InterceptionOutcome Intercepted(string note) => new(true, note);

    /// <summary>The merchant must confirm the cancellation (it is routed to the merchant's review). Since 1.1.</summary>
    public static InterceptionOutcome AwaitingConfirmation(string note) => new(false, note, awaiting: true);

    /// <summary>The goods could not be stopped: the cancellation is refused and the order continues.</summary>
    public static InterceptionOutcome Failed(string reason) => new(false, reason);
}
