namespace ReversePaas.Persistence.Outbox;

/// <summary>Wakes the outbox dispatcher when messages were committed, so delivery need not wait for its next poll.</summary>
public interface IOutboxSignal
{
    /// <summary>Says that new messages may be pending.</summary>
    void Notify();
}
