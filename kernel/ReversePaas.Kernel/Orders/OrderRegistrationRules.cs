using ReversePaas.Kernel.Domain;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Kernel.Orders;

/// <summary>The rules an order must meet to be registered; every breach is reported at once, by field.</summary>
internal static class OrderRegistrationRules
{
    private const int MaxLines = OrderLimits.MaxLines;
    private const int MaxQuantity = OrderLimits.MaxQuantity;

    public static void Validate(OrderRegistration r)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        if (r.Status is OrderStatus.Cancelled or OrderStatus.Closed)
        {
            Add("status", $"An order is registered as PendingPayment, PendingShipment, Shipped or Completed, not {r.Status}.");
        }

        if (r.Status == OrderStatus.PendingPayment && r.WarehouseStage != WarehouseStage.NotPushed)
        {
            Add("warehouseStage", "An unpaid order cannot be in the warehouse: use NotPushed.");
        }

        if (!Money.IsValidAmount(r.Freight))
        {
            Add("freight", "Must be an amount ≥ 0 with at most 2 decimals.");
        }

        if (r.Lines.Count == 0)
        {
            Add("lines", "An order has at least one line.");
        }
        else if (r.Lines.Count > MaxLines)
        {
            Add("lines", $"At most {MaxLines} lines.");
        }

        var seen = new HashSet<int>();
        for (var i = 0; i < r.Lines.Count; i++)
        {
            var line = r.Lines[i];
            if (line.LineNo <= 0)
            {
                Add($"lines[{i}].lineNo", "Must be a positive whole number.");
            }
            else if (!seen.Add(line.LineNo))
            {
                Add($"lines[{i}].lineNo", $"Line number {line.LineNo} appears more than once.");
            }

            if (line.Quantity is <= 0 or > MaxQuantity)
            {
                Add($"lines[{i}].quantity", $"Must be between 1 and {MaxQuantity}.");
            }

            if (!Money.IsValidAmount(line.UnitPrice) || line.UnitPrice * Math.Max(line.Quantity, 1) > Money.MaxAmount)
            {
                Add($"lines[{i}].unitPrice", "Must be an amount ≥ 0 with at most 2 decimals (and quantity × price within limits).");
            }

            if (line.WeightGrams is <= 0)
            {
                Add($"lines[{i}].weightGrams", "Must be positive when given.");
            }
        }

        for (var i = 0; i < r.Discounts.Count; i++)
        {
            if (r.Discounts[i].Kind is not ("Promotion" or "Coupon" or "VirtualCurrency"))
            {
                Add($"discounts[{i}].kind", "Must be Promotion, Coupon or VirtualCurrency.");
            }
        }

        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
