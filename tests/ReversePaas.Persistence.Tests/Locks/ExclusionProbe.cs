using ReversePaas.Kernel.Activities;

namespace ReversePaas.Persistence.Tests.Locks;

/// <summary>
/// Hammers one order's lock from several lock objects (= hosts) at once, each holder doing a read-yield-write of a
/// shared counter that only the lock protects: the result says whether two holders were ever inside together.
/// </summary>
internal static class ExclusionProbe
{
    public static async Task<(int MaxInside, int Counter)> RunAsync(IReadOnlyList<IOrderLock> hosts, int tasksPerHost, int cycles, string orderId = "O-1")
    {
        var inside = 0;
        var maxInside = 0;
        var counter = 0;
        await Task.WhenAll(hosts.SelectMany(host => Enumerable.Range(0, tasksPerHost).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < cycles; i++)
            {
                await using (await host.AcquireAsync(orderId, TimeSpan.FromSeconds(60), default))
                {
                    var now = Interlocked.Increment(ref inside);
                    int seen;
                    while ((seen = Volatile.Read(ref maxInside)) < now && Interlocked.CompareExchange(ref maxInside, now, seen) != seen)
                    {
                        // another holder raised it meanwhile: read again
                    }

                    var read = Volatile.Read(ref counter); // deliberately not atomic: only the lock protects it
                    await Task.Yield();
                    Volatile.Write(ref counter, read + 1);
                    Interlocked.Decrement(ref inside);
                }
            }
        }))));
        return (maxInside, counter);
    }
}
