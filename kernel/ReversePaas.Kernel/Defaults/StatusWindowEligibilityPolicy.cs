using ReversePaas.Sdk;
using ReversePaas.Sdk.Application;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Kernel.Defaults;

/// <summary>
/// Kernel default for <c>application.eligibility</c>: DOMAIN.md section 2. Windows count from the order's
/// completion and come from the identity's settings (<see cref="ReturnWindowDays"/>, <see cref="ExchangeWindowDays"/>,
/// <see cref="WarrantyDays"/>), so a business line can change them without code.
/// </summary>
[Extension("kernel.eligibility.status-window", Description = "Types by order status; return/exchange/repair windows from settings (7/7/365 days).")]
public sealed class StatusWindowEligibilityPolicy : IEligibilityPolicy
{
    /// <summary>Setting: days after completion a return is allowed (default 7).</summary>
    public const string ReturnWindowDays = "returns.windowDays";

    /// <summary>Setting: days after completion an exchange is allowed (default 7).</summary>
    public const string ExchangeWindowDays = "exchange.windowDays";

    /// <summary>Setting: days after completion a repair is allowed (default 365).</summary>
    public const string WarrantyDays = "repair.warrantyDays";

    /// <inheritdoc />
    public ApplicationVerdict Check(ApplicationContext context)
    {
        var order = context.Order;
        var status = order.Status;
        return context.Type switch
        {
            AfterSaleType.Cancel => status is OrderStatus.PendingPayment or OrderStatus.PendingShipment
                ? ApplicationVerdict.Accept
                : ApplicationVerdict.Reject($"Order '{order.OrderId}' is {status}: only orders pending payment or shipment can be cancelled."),
            AfterSaleType.RefundOnly => status is OrderStatus.PendingShipment or OrderStatus.Shipped or OrderStatus.Completed
                ? ApplicationVerdict.Accept
                : ApplicationVerdict.Reject($"Order '{order.OrderId}' is {status}: a refund-only after-sale needs a paid order (PendingShipment, Shipped or Completed)."),
            AfterSaleType.ReturnRefund => status == OrderStatus.Shipped
                ? ApplicationVerdict.Accept
                : WithinWindow(context, ReturnWindowDays, 7, "return"),
            AfterSaleType.Exchange => WithinWindow(context, ExchangeWindowDays, 7, "exchange"),
            AfterSaleType.Repair => WithinWindow(context, WarrantyDays, 365, "repair"),
            _ => ApplicationVerdict.Reject($"Unknown after-sale type {context.Type}."),
        };
    }

    private static ApplicationVerdict WithinWindow(ApplicationContext context, string setting, int defaultDays, string what)
    {
        var order = context.Order;
        if (order.Status != OrderStatus.Completed || order.CompletedAt is not { } completedAt)
        {
            return ApplicationVerdict.Reject(
                $"Order '{order.OrderId}' is {order.Status}: a {what} needs a "
                + (what == "return" ? "Shipped or Completed" : "Completed") + " order.");
        }

        var days = context.Settings.GetInt32(setting, defaultDays);
        var closes = completedAt.AddDays(days);
        return context.Now <= closes
            ? ApplicationVerdict.Accept
            : ApplicationVerdict.Reject(
                $"The {what} window of order '{order.OrderId}' closed at {closes:yyyy-MM-dd HH:mm} UTC ({days} days after completion; setting '{setting}' of identity '{context.Identity}').");
    }
}
