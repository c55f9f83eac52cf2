using System.Security.Cryptography;
using System.Text.Json;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.Orders;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Application;
using ReversePaas.Sdk.Orders;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Contracts;

/// <summary>
/// Turns validated requests into the kernel's commands. Nothing here checks: the request's validator has
/// (Validation/Validators), so what is required is present here.
/// </summary>
internal static class RequestMapping
{
    public static OrderRegistration ToRegistration(this OrderRequest body) => new()
    {
        OrderId = body.OrderId!,
        UserId = body.UserId!,
        VenderId = body.VenderId!,
        VenderType = body.VenderType!,
        OrderType = body.OrderType!,
        Channel = body.Channel!,
        Status = body.Status!.Value,
        WarehouseStage = body.WarehouseStage ?? WarehouseStage.NotPushed,
        Freight = body.Freight ?? 0m,
        Currency = body.Currency ?? "CNY",
        CompletedAt = body.CompletedAt?.ToUniversalTime(),
        Attributes = body.Attributes ?? [],
        Lines = [.. body.Lines!.Select(l => new OrderRegistrationLine(l!.LineNo!.Value, l.SkuId!, l.SkuName ?? "", l.Quantity!.Value, l.UnitPrice!.Value, l.PromotionType ?? "", l.WeightGrams))],
        Discounts = [.. (body.Discounts ?? []).Select(d => new OrderRegistrationDiscount(d!.Code!, d.Kind!, d.Amount!.Value, d.LineNos ?? []))],
        Fingerprint = Fingerprint(body with { Attributes = body.Attributes is null ? null : new(body.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal)) }),
    };

    /// <summary>
    /// The application as the kernel's command; <paramref name="protectedPickupAddress"/> is the body's pickup address
    /// already protected, so the plain one goes no further than the host.
    /// </summary>
    public static ApplyCommand ToCommand(this AfterSaleRequest body, string? idempotencyKey, Actor applicant, string? protectedPickupAddress) => new()
    {
        OrderId = body.OrderId!,
        Type = body.Type!.Value,
        Reason = body.Reason ?? "",
        Lines = [.. body.Lines!.Select(l => new RequestedLine
        {
            SkuId = l!.SkuId!,
            PromotionType = l.PromotionType,
            UnitPrice = l.UnitPrice,
            WeightGrams = l.WeightGrams,
            Quantity = l.Quantity!.Value,
            RefundAmount = l.RefundAmount,
            MissingWeightGrams = l.MissingWeightGrams,
            ReplacementSkuId = l.ReplacementSkuId,
        })],
        Evidence = body.Evidence ?? [],
        PickupAt = body.PickupAt?.ToUniversalTime(),
        Extensions = body.Extensions ?? [],
        ProtectedPickupAddress = protectedPickupAddress,
        Applicant = applicant,
        IdempotencyKey = idempotencyKey,
        Fingerprint = idempotencyKey is null ? null : Fingerprint(body with { Extensions = body.Extensions is null ? null : new(body.Extensions.OrderBy(e => e.Key, StringComparer.Ordinal)) }),
    };

    public static IReadOnlyList<ReturnLine> ToReturnLines(this WarehouseReceiptRequest body)
        => [.. body.Lines!.Select(l => new ReturnLine(l!.LineNo!.Value, "", l.Quantity!.Value))];

    /// <summary>The body's SHA-256, to tell a repeated request from a different one under the same key.</summary>
    public static string Fingerprint<T>(T body)
        => Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body))).ToLowerInvariant();
}
