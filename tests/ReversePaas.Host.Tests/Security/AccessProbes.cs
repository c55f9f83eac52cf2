using ReversePaas.Host.Tests.BusinessLines;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.Security;

/// <summary>
/// Prepares one cell's request with data of its own: every cell gets a fresh order (of user u-1, merchant v-1) and,
/// where the route acts on an after-sale, a fresh after-sale brought to the status the action expects, so an allowed
/// call that changes state never decides the outcome of the next cell. Set-up calls use the roles API.md gives them.
/// </summary>
internal static class AccessProbes
{
    private static readonly object[] OneUnitOfA = [new { skuId = "A", quantity = 1 }];

    /// <summary>A route without ids or state: the same request for every cell.</summary>
    public static Func<ReverseApi, Task<AccessRequest>> At(string path) => _ => Task.FromResult(new AccessRequest(path));

    /// <summary>A plugin route acting on stored packages: good-plugin 1.0.0 uploaded and active first (by Ops).</summary>
    public static Func<ReverseApi, Task<AccessRequest>> WithActivePackage(string path) => async api =>
    {
        var (status, body) = await Platform.PluginPackagesTests.UploadAsync(api.Client, Platform.PluginPackagesTests.Good());
        status.Should().BeOneOf([System.Net.HttpStatusCode.Created, System.Net.HttpStatusCode.OK], body?.ToJsonString());
        await api.OkAsync(HttpMethod.Post, "/api/v1/plugins/good-plugin/activate", RunningHost.OpsKey, new { version = "1.0.0" });
        return new AccessRequest(path);
    };

    public static Task<AccessRequest> RegisterOrder(ReverseApi api)
        => Task.FromResult(new AccessRequest("/api/v1/orders", Delivered().Build()));

    public static async Task<AccessRequest> GetOrder(ReverseApi api)
        => new($"/api/v1/orders/{await RegisterAsync(api, Delivered())}");

    public static async Task<AccessRequest> AdvanceOrder(ReverseApi api)
        => new($"/api/v1/orders/{await RegisterAsync(api, new OrderBuilder().Line(1, "A", 2, 10m))}/status", new { status = "Shipped" });

    public static async Task<AccessRequest> CancelOrder(ReverseApi api)
        => new($"/api/v1/orders/{await RegisterAsync(api, new OrderBuilder().Status("PendingPayment").Line(1, "A", 2, 10m))}/cancel", new { reason = "access matrix" });

    public static async Task<AccessRequest> Apply(ReverseApi api)
    {
        var orderId = await RegisterAsync(api, Delivered());
        return new("/api/v1/after-sales", new { orderId, type = "RefundOnly", reason = "access matrix", lines = OneUnitOfA });
    }

    public static async Task<AccessRequest> GetAfterSale(ReverseApi api)
        => new($"/api/v1/after-sales/{await ApplyAsync(api, Delivered(), "RefundOnly")}");

    public static async Task<AccessRequest> ReviewRoutedToMerchant(ReverseApi api)
        => Review(await ApplyAsync(api, Orders.RetailPop().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 10m), "RefundOnly"));

    public static async Task<AccessRequest> ReviewRoutedToCustomerService(ReverseApi api)
        => Review(await ApplyAsync(api, Delivered(), "RefundOnly"));

    public static async Task<AccessRequest> WithdrawAppliedByUser(ReverseApi api)
        => new($"/api/v1/after-sales/{await ApplyAsync(api, Delivered(), "RefundOnly")}/withdraw");

    public static async Task<AccessRequest> WithdrawAppliedByMerchant(ReverseApi api)
        => new($"/api/v1/after-sales/{await ApplyAsync(api, Delivered(), "RefundOnly", RunningHost.MerchantKey)}/withdraw");

    // retail.pop routes review to the merchant, who rejected; the user appealed: now only the platform decides.
    public static async Task<AccessRequest> ReviewAppealed(ReverseApi api)
    {
        var id = await ApplyAsync(api, Orders.RetailPop().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 10m), "RefundOnly");
        await api.ActAsync(id, "review", RunningHost.MerchantKey, new { decision = "Reject", comment = "no" });
        await api.ActAsync(id, "appeal", RunningHost.UserKey, new { reason = "access matrix" });
        return Review(id);
    }

    public static async Task<AccessRequest> AppealAppliedByUser(ReverseApi api)
    {
        var id = await ApplyAsync(api, Delivered(), "RefundOnly");
        await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Reject", comment = "no" });
        return new($"/api/v1/after-sales/{id}/appeal", new { reason = "access matrix" });
    }

    public static async Task<AccessRequest> Hold(ReverseApi api)
        => new($"/api/v1/after-sales/{await ApplyAsync(api, Delivered(), "RefundOnly")}/hold", new { reason = "access matrix" });

    public static async Task<AccessRequest> Release(ReverseApi api)
    {
        var id = await ApplyAsync(api, Delivered(), "RefundOnly");
        await api.ActAsync(id, "hold", RunningHost.RiskKey, new { reason = "access matrix" });
        return new($"/api/v1/after-sales/{id}/release");
    }

    public static async Task<AccessRequest> ReturnShipment(ReverseApi api)
        => new($"/api/v1/after-sales/{await ApprovedAsync(api, "ReturnRefund")}/return-shipment", new { carrier = "SF", trackingNo = "SF-1" });

    public static async Task<AccessRequest> WarehouseReceipt(ReverseApi api)
        => new($"/api/v1/after-sales/{await ApprovedAsync(api, "ReturnRefund")}/warehouse-receipt", ReceiptOfLineOne);

    public static async Task<AccessRequest> RepairFinished(ReverseApi api)
        => new($"/api/v1/after-sales/{await ReceivedAsync(api, "Repair")}/repair-finished");

    public static async Task<AccessRequest> DeliveryConfirmed(ReverseApi api)
        => new($"/api/v1/after-sales/{await ReceivedAsync(api, "Exchange")}/delivery-confirmed");

    // Retrying needs RefundFailed, which only a payment refusal reaches; from PendingReview the call is let through and
    // refused by the status machine (409), which is all a role and ownership check has to show.
    public static async Task<AccessRequest> RetryRefund(ReverseApi api)
        => new($"/api/v1/after-sales/{await ApplyAsync(api, Delivered(), "RefundOnly")}/retry-refund");

    // Likewise a parked pickup needs its logistics to fail ten times; an approved return's are not parked, so ops get 409.
    public static async Task<AccessRequest> RetryPickup(ReverseApi api)
        => new($"/api/v1/after-sales/{await ApprovedAsync(api, "ReturnRefund")}/retry-pickup");

    private static object ReceiptOfLineOne => new { lines = new[] { new { lineNo = 1, quantity = 1 } } };

    private static AccessRequest Review(string afterSaleId) => new($"/api/v1/after-sales/{afterSaleId}/review", new { decision = "Approve", comment = "" });

    private static OrderBuilder Delivered() => Orders.RetailSelf().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 10m);

    private static async Task<string> RegisterAsync(ReverseApi api, OrderBuilder order)
    {
        await api.RegisterAsync(order);
        return order.OrderId;
    }

    private static async Task<string> ApplyAsync(ReverseApi api, OrderBuilder order, string type, string applicant = RunningHost.UserKey)
    {
        await api.RegisterAsync(order);
        return (await api.ApplyForAsync(order.OrderId, type, OneUnitOfA, applicant)).AfterSaleId;
    }

    // retail.self reviews in customer service: approved, a return, exchange or repair waits for the goods (PendingReturn).
    private static async Task<string> ApprovedAsync(ReverseApi api, string type)
    {
        var id = await ApplyAsync(api, Delivered(), type);
        await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve", comment = "" });
        return id;
    }

    // Received by the warehouse: a repair is Repairing; an exchange ships its replacement in the background, so it is
    // waited for (ExchangeShipped).
    private static async Task<string> ReceivedAsync(ReverseApi api, string type)
    {
        var id = await ApprovedAsync(api, type);
        await api.ActAsync(id, "warehouse-receipt", RunningHost.SystemKey, ReceiptOfLineOne);
        if (type == "Exchange")
        {
            await api.AwaitStatusAsync(id, AfterSaleStatus.ExchangeShipped);
        }

        return id;
    }
}
