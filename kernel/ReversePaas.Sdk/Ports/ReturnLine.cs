namespace ReversePaas.Sdk.Ports;

/// <summary>Goods of one order line moving back.</summary>
/// <param name="LineNo">The order line.</param>
/// <param name="SkuId">The SKU.</param>
/// <param name="Quantity">Units.</param>
public sealed record ReturnLine(int LineNo, string SkuId, int Quantity);
