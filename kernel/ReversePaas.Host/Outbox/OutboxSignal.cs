using ReversePaas.Host.Execution;
using ReversePaas.Persistence.Outbox;

namespace ReversePaas.Host.Outbox;

/// <summary>Wakes <see cref="OutboxDispatcher"/> as soon as a change with messages committed.</summary>
internal sealed class OutboxSignal : WakeSignal, IOutboxSignal;
