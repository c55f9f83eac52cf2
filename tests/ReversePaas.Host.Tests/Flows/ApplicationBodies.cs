namespace ReversePaas.Host.Tests.Flows;

/// <summary>Request bodies of <c>POST /api/v1/after-sales</c> that several suites send as they are.</summary>
public static class ApplicationBodies
{
    /// <summary>A refund of one unit of SKU <c>A</c>, broken, with one photo.</summary>
    public static object RefundOneBrokenA(OrderBuilder order) => new
    {
        orderId = order.OrderId,
        type = "RefundOnly",
        reason = "broken",
        lines = new[] { new { skuId = "A", quantity = 1 } },
        evidence = new[] { "https://img.example/broken.jpg" },
    };
}
