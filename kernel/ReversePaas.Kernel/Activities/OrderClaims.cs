using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Orders;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Kernel.Activities;

/// <summary>
/// What the after-sales of an order already claim, per line (units and money) and of the freight. Open and
/// finished after-sales claim; rejected, withdrawn and failed cancellations do not.
/// </summary>
/// <remarks>
/// An application needs only these sums, so the store counts them from a narrow projection
/// (<see cref="IReverseStore.ClaimsOfOrderAsync"/>) instead of loading every after-sale of the order with its history.
/// </remarks>
public sealed class OrderClaims
{
    private readonly Dictionary<int, (int Quantity, decimal Amount)> _byLine = [];

    /// <summary>No claims yet; the store adds them with <see cref="Count"/>.</summary>
    internal OrderClaims()
    {
    }

    /// <summary>The claims of loaded after-sales.</summary>
    public OrderClaims(IEnumerable<AfterSale> afterSales)
    {
        foreach (var sale in afterSales)
        {
            Count(sale.Status, sale.FreightRefund, null, 0, 0m);
            foreach (var line in sale.Lines)
            {
                Count(sale.Status, 0m, line.LineNo, line.Quantity, line.RefundAmount);
            }
        }
    }

    /// <summary>True when an after-sale that claims refunds (part of) the freight.</summary>
    public bool FreightClaimed { get; private set; }

    /// <summary>Units of the line claimed.</summary>
    public int Quantity(int lineNo) => _byLine.GetValueOrDefault(lineNo).Quantity;

    /// <summary>Money of the line claimed.</summary>
    public decimal Amount(int lineNo) => _byLine.GetValueOrDefault(lineNo).Amount;

    /// <summary>Units of the line nobody claimed.</summary>
    public int Remaining(OrderLine line) => line.Quantity - Quantity(line.LineNo);

    /// <summary>True when, after adding <paramref name="adding"/> units per line, every unit of the order is claimed.</summary>
    public bool ClaimsEverything(Order order, IReadOnlyDictionary<int, int> adding)
        => order.Lines.All(l => Quantity(l.LineNo) + adding.GetValueOrDefault(l.LineNo) >= l.Quantity);

    /// <summary>
    /// Counts one row of an after-sale in status <paramref name="status"/>: its freight refund, and one of its lines
    /// when <paramref name="lineNo"/> is given. Rows of after-sales that released their claim count nothing.
    /// </summary>
    internal void Count(AfterSaleStatus status, decimal freightRefund, int? lineNo, int quantity, decimal refundAmount)
    {
        if (AfterSaleStateMachine.ReleasesClaim(status))
        {
            return;
        }

        FreightClaimed |= freightRefund > 0;
        if (lineNo is { } no)
        {
            var (claimedQuantity, claimedAmount) = _byLine.GetValueOrDefault(no);
            _byLine[no] = (claimedQuantity + quantity, claimedAmount + refundAmount);
        }
    }
}
