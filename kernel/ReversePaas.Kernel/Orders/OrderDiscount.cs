namespace ReversePaas.Kernel.Orders;

/// <summary>A discount of a forward order as registered (its allocation is on the lines).</summary>
public sealed class OrderDiscount
{
    internal OrderDiscount(string orderId, int position, string code, string kind, decimal amount, IReadOnlyList<int> lineNos)
    {
        OrderId = orderId;
        Position = position;
        Code = code;
        Kind = kind;
        Amount = amount;
        LineNos = string.Join(',', lineNos);
    }

    private OrderDiscount()
    {
        OrderId = Code = Kind = LineNos = "";
    }

    public string OrderId { get; private set; }

    /// <summary>Position in the registration (codes need not be unique).</summary>
    public int Position { get; private set; }

    /// <summary>Discount code.</summary>
    public string Code { get; private set; }

    /// <summary><c>Promotion</c>, <c>Coupon</c> or <c>VirtualCurrency</c>.</summary>
    public string Kind { get; private set; }

    public decimal Amount { get; private set; }

    /// <summary>Scope as comma-separated line numbers; empty = whole order.</summary>
    public string LineNos { get; private set; }

    /// <summary>The scope's line numbers (empty = whole order).</summary>
    public IReadOnlyList<int> ScopeLineNos()
        => LineNos.Length == 0 ? [] : [.. LineNos.Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))];
}
