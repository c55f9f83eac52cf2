
namespace ReversePaas.Persistence.Outbox;

/// <summary>Wakes <see cref="OutboxDispatcher"/> as soon as a change with messages committed.</summary>
public sealed class OutboxSignal : WakeSignal, IOutboxSignal;
