using System.Globalization;
using ReversePaas.Kernel.AfterSales;

namespace ReversePaas.Persistence.Sharding;

/// <summary>
/// Routes order data to its database: an order number by its logical shard (<see cref="AfterSaleIds.ShardOf"/>), an
/// after-sale id by the shard it carries (<c>AS-{shard:D4}-{guid}</c>), so neither needs a look-up.
/// </summary>
public sealed class ShardRouter(ShardMap map)
{
    /// <summary>How many shard databases there are.</summary>
    public int DatabaseCount => map.ConnectionStrings.Count;

    /// <summary>The database (index into <see cref="ShardMap.ConnectionStrings"/>) that holds <paramref name="orderId"/>'s data.</summary>
    public int DatabaseOfOrder(string orderId) => map.DatabaseOf(AfterSaleIds.ShardOf(orderId));

    /// <summary>
    /// The database that holds the after-sale <paramref name="afterSaleId"/>; false for an id that is not of the form
    /// <c>AS-{0000–1023}-{32 hex digits}</c> (no such after-sale exists anywhere: callers answer "not found").
    /// </summary>
    public bool TryDatabaseOfAfterSale(string? afterSaleId, out int database)
    {
        database = -1;
        if (!TryLogicalShardOf(afterSaleId, out var shard))
        {
            return false;
        }

        database = map.DatabaseOf(shard);
        return true;
    }

    /// <summary>The logical shard an after-sale id carries; false when the id is malformed.</summary>
    public static bool TryLogicalShardOf(string? afterSaleId, out int shard)
    {
        shard = -1;
        // "AS-" + 4 digits + "-" + a GUID's 32 hex digits (AfterSaleIds.New).
        if (afterSaleId is not { Length: 40 } || !afterSaleId.StartsWith("AS-", StringComparison.Ordinal) || afterSaleId[7] != '-'
            || !int.TryParse(afterSaleId.AsSpan(3, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            || parsed >= AfterSaleIds.ShardCount
            || !Guid.TryParseExact(afterSaleId.AsSpan(8), "N", out _))
        {
            return false;
        }

        shard = parsed;
        return true;
    }
}
