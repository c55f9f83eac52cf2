namespace ReversePaas.Host.Outbox;

/// <summary>The outbox dispatcher (configuration section <c>Outbox</c>).</summary>
internal sealed class OutboxOptions
{
    /// <summary>
    /// Holds every delivery (an ops drill, or a host kept out of the work during maintenance): changes still commit
    /// with their messages, which wait until a host that is not paused delivers them. Shown by <c>/readyz</c>.
    /// </summary>
    public bool Paused { get; set; }
}
