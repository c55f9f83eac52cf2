namespace ReversePaas.Persistence;

/// <summary>
/// A message from outside (an inbound broker event) that was applied (table <c>applied_messages</c>), written in the
/// same transaction as its effect: a redelivered message finds its id here and is not applied twice.
/// </summary>
public sealed class AppliedMessage
{
    /// <summary>The message's id (a CloudEvent's <c>id</c>).</summary>
    public string MessageId { get; set; } = "";

    /// <summary>Its type, for ops.</summary>
    public string Type { get; set; } = "";

    /// <summary>When it was applied.</summary>
    public DateTimeOffset AppliedAt { get; set; }
}
