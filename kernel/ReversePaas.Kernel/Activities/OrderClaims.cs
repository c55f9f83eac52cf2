using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Orders;

namespace ReversePaas.Kernel.Activities;

/// <summary>
/// What the after-sales of an order already claim, per line (units and money) and of the freight. Open and
/// finished after-sales claim; rejected, withdrawn and failed cancellations do not.
/// </summary>
internal sealed class OrderClaims
{
    private readonly Dictionary<int, (int Quantity, decimal Amount)> _byLine = [];

    public OrderClaims(IEnumerable<AfterSale> afterSales)
    {
        foreach (var sale in afterSales.Where(s => s.ClaimsOrder))
        {
            FreightClaimed |= sale.FreightRefund > 0;
            foreach (var line in sale.Lines)
            {
                var (quantity, amount) = _byLine.GetValueOrDefault(line.LineNo);
                _byLine[line.LineNo] = (quantity + line.Quantity, amount + line.RefundAmount);
            }
        }
    }

    public bool FreightClaimed { get; }

    public int Quantity(int lineNo) => _byLine.GetValueOrDefault(lineNo).Quantity;

    public decimal Amount(int lineNo) => _byLine.GetValueOrDefault(lineNo).Amount;

    public int Remaining(OrderLine line) => line.Quantity - Quantity(line.LineNo);

    /// <summary>True when, after adding <paramref name="adding"/> units per line, every unit of the order is claimed.</summary>
    public bool ClaimsEverything(Order order, IReadOnlyDictionary<int, int> adding)
        => order.Lines.All(l => Quantity(l.LineNo) + adding.GetValueOrDefault(l.LineNo) >= l.Quantity);
}
