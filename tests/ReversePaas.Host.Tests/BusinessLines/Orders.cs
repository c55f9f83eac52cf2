using System.Text.Json.Nodes;
using ReversePaas.Host.Tests.Flows;

namespace ReversePaas.Host.Tests.BusinessLines;

/// <summary>Orders of each business line, as identity-mappings/identities.json recognises them.</summary>
internal static class Orders
{
    public static OrderBuilder RetailSelf() => new OrderBuilder().With("venderType", "Self");

    public static OrderBuilder RetailPop() => new OrderBuilder().With("venderType", "Pop");

    public static OrderBuilder DaojiaFresh() => new OrderBuilder().With("orderType", "Fresh").With("channel", "O2o");

    public static OrderBuilder BMallIntent() => new OrderBuilder().With("orderType", "Intent").With("channel", "B2b");

    public static OrderBuilder Trusted(this OrderBuilder order) => order.With("attributes", new JsonObject { ["trusted"] = "true" });
}
