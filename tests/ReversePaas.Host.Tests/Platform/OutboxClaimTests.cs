using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Outbox;
using ReversePaas.Persistence.Schema;
using ReversePaas.Persistence.Sharding;

namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// Dispatcher passes that outlive their claim's lease, on both engines: two passes (as two hosts would run them) on
/// one database, driven step by step. The consumers block on the test's gates or move the test's clock; nothing
/// waits for time to pass.
/// </summary>
public abstract class OutboxClaimTests
{
    private const string Topic = "test.claimed";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30); // how long a gate may take before the test fails

    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task A_pass_whose_claim_lapsed_delivers_nothing_that_another_pass_claimed_meanwhile()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var aInside = Gate();
        var releaseA = Gate();
        var bInside = Gate();
        var releaseB = Gate();
        var calls = 0;
        var probe = new ProbeConsumer("probe", async _ =>
        {
            switch (Interlocked.Increment(ref calls))
            {
                case 1: // pass A, first message: slower than the lease
                    aInside.SetResult();
                    await releaseA.Task;
                    break;
                case 2: // pass B, which took both messages over, is inside the first one when A wakes up
                    bInside.SetResult();
                    await releaseB.Task;
                    break;
            }
        });
        await using var rig = await Rig.StartAsync(await NewDatabaseAsync(), clock, probe);
        var first = await rig.AddMessageAsync("K-1");
        var second = await rig.AddMessageAsync("K-2");

        using var a = rig.NewDispatcher();
        var passA = a.DispatchOnceAsync(default);
        await aInside.Task.WaitAsync(Bound);
        clock.Advance(Lease + TimeSpan.FromSeconds(1));
        using var b = rig.NewDispatcher();
        var passB = b.DispatchOnceAsync(default);
        await bInside.Task.WaitAsync(Bound);
        var holderB = probe.Calls[^1].Pass;

        releaseA.SetResult();
        await passA.WaitAsync(Bound);

        var holderA = probe.Calls[0].Pass;
        holderA.Should().NotBe(holderB);
        probe.Calls.Should().Equal(new[] { new Call(first, holderA), new Call(first, holderB) }, "A reached the second message but left it to B, which holds it");
        (await rig.DeliveriesAsync()).Should().BeEmpty("A's delivery record was refused: B held the message by then");
        foreach (var message in await rig.MessagesAsync())
        {
            (message.ClaimedBy, message.DispatchedAt, message.Attempts, message.LastError).Should().Be((holderB, (DateTimeOffset?)null, 0, (string?)null), $"message {message.Id} is untouched by A");
        }

        releaseB.SetResult();
        await passB.WaitAsync(Bound);

        probe.Calls.Should().Equal(new Call(first, holderA), new Call(first, holderB), new Call(second, holderB));
        (await rig.DeliveriesAsync()).Should().BeEmpty("B delivered both messages to their only consumer: dispatched, nothing partial to record");
        foreach (var message in await rig.MessagesAsync())
        {
            message.DispatchedAt.Should().NotBeNull();
            (message.ClaimedBy, message.Attempts, message.LastError).Should().Be(((string?)null, 0, (string?)null));
        }
    }

    [Fact]
    public async Task A_pass_longer_than_the_lease_keeps_each_message_it_is_delivering()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var slowStep = Lease * 2 / 3;
        OutboxDispatcher? other = null;
        int? claimedByOther = null;
        OutboxMessage? duringLastCall = null;
        Rig? rig = null;
        var calls = 0;
        async Task SlowCall(Call call)
        {
            // Each consumer call takes two thirds of the lease; a whole message (two consumers) takes longer than it.
            clock.Advance(slowStep);
            if (Interlocked.Increment(ref calls) == 4)
            {
                // The last call, 80 s after the claim: another host's pass looks for work.
                claimedByOther = await other!.DispatchOnceAsync(default);
                duringLastCall = (await rig!.MessagesAsync()).Single(m => m.Id == call.MessageId);
            }
        }

        var one = new ProbeConsumer("probe-1", SlowCall);
        var two = new ProbeConsumer("probe-2", SlowCall);
        await using (rig = await Rig.StartAsync(await NewDatabaseAsync(), clock, one, two))
        {
            var first = await rig.AddMessageAsync("K-1");
            var second = await rig.AddMessageAsync("K-2");
            using var a = rig.NewDispatcher();
            using var b = rig.NewDispatcher();
            other = b;

            var claimed = await a.DispatchOnceAsync(default);

            claimed.Should().Be(2);
            claimedByOther.Should().Be(0, "the message in delivery was renewed before each consumer call");
            var holder = one.Calls.Single(c => c.MessageId == first).Pass;
            duringLastCall!.ClaimedBy.Should().Be(holder);
            duringLastCall.ClaimedUntil.Should().BeAfter(clock.GetUtcNow());
            one.Calls.Concat(two.Calls).Should().BeEquivalentTo(new[] { new Call(first, holder), new Call(second, holder), new Call(first, holder), new Call(second, holder) });
            (await rig.DeliveriesAsync()).Should().BeEmpty("both consumers took both messages: dispatched, nothing partial to record");
            (await rig.MessagesAsync()).Should().OnlyContain(m => m.DispatchedAt != null && m.ClaimedBy == null && m.Attempts == 0);
        }
    }

    [Fact]
    public async Task A_consumer_that_took_a_message_is_not_called_again_when_another_failed_it()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var failNext = true;
        var one = new ProbeConsumer("probe-1", _ => Task.CompletedTask);
        var two = new ProbeConsumer("probe-2", _ => failNext ? Task.FromException(new InvalidOperationException("down for a moment")) : Task.CompletedTask);
        await using var rig = await Rig.StartAsync(await NewDatabaseAsync(), clock, one, two);
        var id = await rig.AddMessageAsync("K-1");
        using var dispatcher = rig.NewDispatcher();

        (await dispatcher.DispatchOnceAsync(default)).Should().Be(1);

        (await rig.DeliveriesAsync()).Should().Equal([(id, "probe-1")], "probe-1 took it before probe-2 failed: recorded so it is not called again");
        var failed = (await rig.MessagesAsync()).Single();
        (failed.DispatchedAt, failed.Attempts, failed.LastError).Should().Be(((DateTimeOffset?)null, 1, "probe-2: down for a moment"));

        failNext = false;
        clock.Advance(TimeSpan.FromMinutes(1)); // past the retry delay
        (await dispatcher.DispatchOnceAsync(default)).Should().Be(1);

        one.Calls.Should().ContainSingle("the retry skipped the consumer that had it");
        two.Calls.Should().HaveCount(2);
        (await rig.MessagesAsync()).Single().DispatchedAt.Should().NotBeNull();
        (await rig.DeliveriesAsync()).Should().Equal([(id, "probe-1")], "the retry completed the message and recorded nothing more");
    }

    [Fact]
    public async Task A_pass_cut_short_keeps_what_it_delivered_and_frees_the_rest_at_once()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var stopping = new CancellationTokenSource();
        long? stopAt = null;
        var probe = new ProbeConsumer("probe", call =>
        {
            if (call.MessageId == stopAt)
            {
                // The host stops while this message is being delivered.
                stopping.Cancel();
                stopping.Token.ThrowIfCancellationRequested();
            }

            return Task.CompletedTask;
        });
        await using var rig = await Rig.StartAsync(await NewDatabaseAsync(), clock, probe);
        var first = await rig.AddMessageAsync("K-1");
        var second = await rig.AddMessageAsync("K-2");
        var third = await rig.AddMessageAsync("K-3");
        stopAt = second;
        using var dispatcher = rig.NewDispatcher();

        var pass = () => dispatcher.DispatchOnceAsync(stopping.Token);

        await pass.Should().ThrowAsync<OperationCanceledException>();
        var messages = (await rig.MessagesAsync()).ToDictionary(m => m.Id);
        messages[first].DispatchedAt.Should().NotBeNull("it was delivered before the stop: marked, not delivered again");
        foreach (var id in new[] { second, third })
        {
            (messages[id].DispatchedAt, messages[id].ClaimedBy, messages[id].Attempts).Should().Be(((DateTimeOffset?)null, (string?)null, 0),
                $"message {id} was not delivered: free for the next pass now, not after the lease");
        }

        probe.Calls.Select(c => c.MessageId).Should().Equal(first, second);
    }

    [Fact]
    public async Task Each_consumer_prepares_once_for_the_messages_it_will_get_and_a_failed_preparation_holds_nothing_back()
    {
        var failing = new ProbeConsumer("prepare-fails", _ => Task.CompletedTask, _ => throw new InvalidOperationException("read failed"));
        var preparing = new ProbeConsumer("prepares", _ => Task.CompletedTask);
        await using var rig = await Rig.StartAsync(await NewDatabaseAsync(), new ManualClock(DateTimeOffset.UtcNow), failing, preparing);
        var first = await rig.AddMessageAsync("K-1");
        var taken = await rig.AddMessageAsync("K-2");
        var third = await rig.AddMessageAsync("K-3");
        await rig.RecordDeliveryAsync(taken, "prepares"); // an earlier pass delivered it to this consumer only

        using var dispatcher = rig.NewDispatcher();
        (await dispatcher.DispatchOnceAsync(default)).Should().Be(3);

        preparing.Prepared.Should().ContainSingle().Which.Should().Equal([first, third], "K-2 is not given to it again, so not prepared for");
        preparing.Calls.Select(c => c.MessageId).Should().Equal(first, third);
        failing.Prepared.Should().ContainSingle().Which.Should().Equal([first, taken, third]);
        failing.Calls.Select(c => c.MessageId).Should().Equal([first, taken, third], "its preparation failing costs it the batch read, not its messages");
        (await rig.MessagesAsync()).Should().OnlyContain(m => m.DispatchedAt != null && m.Attempts == 0 && m.LastError == null);
    }

    private static TaskCompletionSource Gate() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record Call(long MessageId, string Pass);

    /// <summary>A consumer that records who called it for what, then does what the test says.</summary>
    private sealed class ProbeConsumer(string name, Func<Call, Task> onCall, Func<IReadOnlyList<OutboxMessage>, Task>? onPrepare = null) : IOutboxConsumer
    {
        private readonly ConcurrentQueue<Call> _calls = new();
        private readonly ConcurrentQueue<long[]> _prepared = new();

        public string Name => name;

        public IReadOnlyList<Call> Calls => [.. _calls];

        /// <summary>The message ids of each preparation, in order.</summary>
        public IReadOnlyList<long[]> Prepared => [.. _prepared];

        public bool Accepts(string topic) => topic == Topic;

        public Task PrepareAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
        {
            _prepared.Enqueue([.. messages.Select(m => m.Id)]);
            return onPrepare?.Invoke(messages) ?? Task.CompletedTask;
        }

        public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            // The dispatcher hands over the message as its pass claimed it.
            var call = new Call(message.Id, message.ClaimedBy!);
            _calls.Enqueue(call);
            return onCall(call);
        }
    }

    /// <summary>One database with the schema, and dispatchers on it as several hosts would have them.</summary>
    private sealed class Rig(ServiceProvider services, TimeProvider clock) : IAsyncDisposable
    {
        public static async Task<Rig> StartAsync(string connectionString, TimeProvider clock, params IOutboxConsumer[] consumers)
        {
            var collection = new ServiceCollection();
            collection.AddDbContext<ReverseDbContext>(o => o.UseReverseDatabase(connectionString));
            foreach (var consumer in consumers)
            {
                collection.AddSingleton(consumer);
            }

            var services = collection.BuildServiceProvider();
            using var scope = services.CreateScope();
            await SchemaMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<ReverseDbContext>(), NullLogger.Instance);
            return new Rig(services, clock);
        }

        public OutboxDispatcher NewDispatcher() =>
            new(new ShardScopes(services.GetRequiredService<IServiceScopeFactory>(), null), new OutboxSignal(), new OutboxOptions { ClaimLease = Lease }, clock, NullLogger<OutboxDispatcher>.Instance);

        public async Task<long> AddMessageAsync(string key)
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ReverseDbContext>();
            var message = new OutboxMessage(Topic, key, "O-1", clock.GetUtcNow());
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        }

        public async Task RecordDeliveryAsync(long messageId, string consumer)
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ReverseDbContext>();
            db.OutboxDeliveries.Add(new OutboxDelivery(messageId, consumer, clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        public async Task<List<OutboxMessage>> MessagesAsync()
        {
            using var scope = services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ReverseDbContext>().OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
        }

        public async Task<List<(long MessageId, string Consumer)>> DeliveriesAsync()
        {
            using var scope = services.CreateScope();
            var rows = await scope.ServiceProvider.GetRequiredService<ReverseDbContext>().OutboxDeliveries.AsNoTracking()
                .OrderBy(d => d.MessageId).ThenBy(d => d.Consumer).Select(d => new { d.MessageId, d.Consumer }).ToListAsync();
            return [.. rows.Select(r => (r.MessageId, r.Consumer))];
        }

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }
}
