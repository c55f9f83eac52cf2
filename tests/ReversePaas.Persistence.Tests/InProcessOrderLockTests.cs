using ReversePaas.Kernel.Domain;
using ReversePaas.Persistence.Locks;

namespace ReversePaas.Persistence.Tests;

/// <summary>The in-process order lock: mutual exclusion per order, independence across orders, timeouts, clean-up.</summary>
public sealed class InProcessOrderLockTests
{
    [Fact]
    public async Task Holders_of_one_order_never_overlap()
    {
        var locks = new InProcessOrderLock();
        var inside = 0;
        var maxInside = 0;
        var counter = 0;

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                await using (await locks.AcquireAsync("O-1", TimeSpan.FromSeconds(10), default))
                {
                    var now = Interlocked.Increment(ref inside);
                    InterlockedMax(ref maxInside, now);
                    counter++; // deliberately not atomic: only the lock protects it
                    await Task.Yield();
                    Interlocked.Decrement(ref inside);
                }
            }
        })));

        maxInside.Should().Be(1);
        counter.Should().Be(16 * 200);
        locks.ActiveOrders.Should().Be(0);
    }

    [Fact]
    public async Task Different_orders_do_not_wait_for_each_other()
    {
        var locks = new InProcessOrderLock();
        await using var held = await locks.AcquireAsync("O-1", TimeSpan.FromSeconds(1), default);

        await using var other = await locks.AcquireAsync("O-2", TimeSpan.Zero, default);

        locks.ActiveOrders.Should().Be(2);
    }

    [Fact]
    public async Task A_busy_order_times_out_with_a_retryable_error_and_the_waiter_leaves_nothing_behind()
    {
        var locks = new InProcessOrderLock();
        var held = await locks.AcquireAsync("O-1", TimeSpan.FromSeconds(1), default);

        var wait = async () => await locks.AcquireAsync("O-1", TimeSpan.FromMilliseconds(20), default);

        (await wait.Should().ThrowAsync<TransientConflictException>()).Which.RetryAfter.Should().BePositive();
        await held.DisposeAsync();
        await held.DisposeAsync(); // a second release is harmless
        locks.ActiveOrders.Should().Be(0);
        await using var again = await locks.AcquireAsync("O-1", TimeSpan.Zero, default);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
