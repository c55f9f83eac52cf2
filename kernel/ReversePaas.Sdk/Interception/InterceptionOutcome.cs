namespace ReversePaas.Sdk.Interception;

/// <summary>Whether the goods of a cancelled order were stopped.</summary>
public sealed class InterceptionOutcome
{
    private InterceptionOutcome(bool stopped, string note)
    {
        Stopped = stopped;
        Note = note;
    }

    /// <summary>True when the goods will not ship: the cancellation goes on to the refund.</summary>
    public bool Stopped { get; }

    /// <summary>What happened, for the timeline.</summary>
    public string Note { get; }

    /// <summary>The goods were stopped.</summary>
    public static InterceptionOutcome Intercepted(string note) => new(true, note);

    /// <summary>The goods could not be stopped: the cancellation is refused and the order continues.</summary>
    public static InterceptionOutcome Failed(string reason) => new(false, reason);
}
