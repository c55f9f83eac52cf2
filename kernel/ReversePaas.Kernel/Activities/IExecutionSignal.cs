namespace ReversePaas.Kernel.Activities;

/// <summary>Wakes the background executor when work became due, so it need not wait for its next poll.</summary>
public interface IExecutionSignal
{
    /// <summary>Says that work may be due.</summary>
    void Notify();
}
