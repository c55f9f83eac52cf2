using ReversePaas.Kernel.Activities;

namespace ReversePaas.Host.Execution;

/// <summary>Wakes <see cref="ExecutionWorker"/> as soon as a request made work due.</summary>
internal sealed class ExecutionSignal : WakeSignal, IExecutionSignal;
