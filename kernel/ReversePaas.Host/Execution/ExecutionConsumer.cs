using ReversePaas.Host.Outbox;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Persistence.Outbox;
using ReversePaas.Persistence.Sharding;

namespace ReversePaas.Host.Execution;

/// <summary>
/// Drives the execution activity from the outbox: when an after-sale changes into a state with a background step
/// (refund through the payment system, interception at the WMS, return logistics), the step runs. Each message
/// reloads the latest state, so duplicates and reordering do nothing twice, and the steps themselves are idempotent
/// (payment by refund id, WMS and courier by after-sale or shipment key).
/// </summary>
/// <remarks>
/// Two kinds of retry. A transient failure of our own (the order's lock held too long, a concurrent write) is retried
/// at once, in process, by a Polly pipeline with exponential backoff. A refusal or an unreachable system is recorded
/// on the after-sale with its next attempt (exponential per refund attempt, parked as <c>RefundFailed</c> after the
/// limit), and the message is deferred in the database to that time: the wait survives a crash and blocks no other
/// message.
/// </remarks>
internal sealed class ExecutionConsumer(ShardScopes scopes, ChangedAfterSale changed, ExecutionResilience resilience, TimeProvider time) : IOutboxConsumer
{
    public string Name => "execution";

    // Last: a deferred step holds back only the consumers after it, and there are none.
    public int Order => int.MaxValue;

    public bool Accepts(string topic) => topic == OutboxTopics.AfterSaleChanged;

    public Task PrepareAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
        => changed.PrefetchAsync(messages, cancellationToken);

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var before = await changed.GetAsync(message, cancellationToken);
        if (before is null || !ExecutionActivity.HasBackgroundStep(before))
        {
            return;
        }

        var after = await resilience.Pipeline.ExecuteAsync(
            async token =>
            {
                // A scope of its own: the activity resets its unit of work, which must not touch the dispatcher's. On the
                // after-sale's shard database, like the message.
                using var scope = scopes.CreateScope(scopes.DatabaseOfAfterSale(message.Key));
                using var lease = scope.ServiceProvider.GetRequiredService<ExtensionRuntime>().Lease();
                return await scope.ServiceProvider.GetRequiredService<ExecutionActivity>().RunDueAsync(message.Key, token);
            },
            cancellationToken);
        if (after.Version != before.Version)
        {
            changed.Forget(message.Key);
            // The step saved a change, and with it a newer message: that one carries the after-sale on from here.
            return;
        }

        if (ExecutionActivity.HasBackgroundStep(after) && after.NextAttemptAt is { } next)
        {
            // The step is still to do: the message waits for it. Also when the attempt came due between the step's look
            // at the clock and this one (the step found it not yet due): dropping the message then would leave the
            // refund waiting for a message that never comes.
            var now = time.GetUtcNow();
            throw new OutboxDeferralException(next > now ? next : now, after.LastError ?? $"{after.Status}: next attempt at {next:O}.");
        }
    }
}
