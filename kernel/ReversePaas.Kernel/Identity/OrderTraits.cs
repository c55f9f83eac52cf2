namespace ReversePaas.Kernel.Identity;

/// <summary>The attributes of a forward order that decide its business identity.</summary>
/// <param name="VenderType">Merchant type, e.g. <c>Self</c> or <c>Pop</c>.</param>
/// <param name="OrderType">Order type, e.g. <c>Normal</c>, <c>Fresh</c>, <c>Intent</c>.</param>
/// <param name="Channel">Sales channel, e.g. <c>App</c>, <c>B2b</c>, <c>O2o</c>.</param>
/// <param name="Attributes">Free key/value tags of the order.</param>
public sealed record OrderTraits(
    string VenderType,
    string OrderType,
    string Channel,
    IReadOnlyDictionary<string, string> Attributes);
