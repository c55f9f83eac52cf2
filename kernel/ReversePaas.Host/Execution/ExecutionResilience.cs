using Polly;
using Polly.Retry;
using ReversePaas.Kernel.Domain;

namespace ReversePaas.Host.Execution;

/// <summary>
/// The in-process retry of a background step that lost a race of our own (the order's lock was held too long, or a
/// concurrent write won): a few quick attempts with exponential backoff and jitter, before the outbox's slower,
/// durable retry takes over.
/// </summary>
internal sealed class ExecutionResilience
{
    public ExecutionResilience(TimeProvider time)
    {
        Pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<TransientConflictException>(),
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(100),
                UseJitter = true,
            })
            .Build();
    }

    public ResiliencePipeline Pipeline { get; }
}
