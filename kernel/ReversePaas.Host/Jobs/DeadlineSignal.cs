using ReversePaas.Persistence.Outbox;

namespace ReversePaas.Host.Jobs;

/// <summary>Wakes <see cref="DeadlinePump"/> when a deadline is set that is already due, so it runs without waiting for the next poll.</summary>
internal sealed class DeadlineSignal : WakeSignal;
