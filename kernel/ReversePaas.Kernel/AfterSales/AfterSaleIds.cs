using System.Globalization;

namespace ReversePaas.Kernel.AfterSales;

/// <summary>
/// After-sale ids: <c>AS-{shard}-{time-ordered id}</c>. The shard (0000–1023) is a stable hash of the order
/// number, so a request naming only the after-sale id can be routed to the order's shard without a look-up
/// once the data is split by order number; the tail is a version-7 GUID, so ids sort by creation time
/// (index-friendly inserts).
/// </summary>
public static class AfterSaleIds
{
    /// <summary>Number of logical shards encoded in ids.</summary>
    public const int ShardCount = 1024;

    /// <summary>A new id for an after-sale of <paramref name="orderId"/>.</summary>
    public static string New(string orderId, DateTimeOffset now)
        => string.Create(CultureInfo.InvariantCulture, $"AS-{ShardOf(orderId):D4}-{Guid.CreateVersion7(now):N}");

    /// <summary>The logical shard of an order number (FNV-1a, stable across processes and versions).</summary>
    public static int ShardOf(string orderId)
    {
        var hash = 2166136261u;
        foreach (var c in orderId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % ShardCount);
    }
}
