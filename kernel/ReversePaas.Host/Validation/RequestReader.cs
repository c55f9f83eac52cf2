using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ReversePaas.Host.Contracts;
using ReversePaas.Kernel.Domain;
using ReversePaas.Kernel.Orders;
using ReversePaas.Sdk.Application;

namespace ReversePaas.Host.Validation;

/// <summary>
/// Turns request contracts into kernel commands, reporting every missing or malformed field at once (400 with
/// <c>errors</c>). Shapes and limits are checked here; business rules are the kernel's.
/// </summary>
internal sealed class RequestReader
{
    public const int MaxTextLength = 2000;
    public const int MaxIdLength = 64;
    public const int MaxEvidence = 20;

    /// <summary>
    /// Fields reported per answer. A body of thousands of empty lines would otherwise get an answer a hundred times
    /// its size (every line's every field); the first ones are enough to fix the request.
    /// </summary>
    public const int MaxReportedFields = 50;

    /// <summary>Times outside this range are typos or probes; inside it, date arithmetic (windows, deadlines) cannot overflow.</summary>
    private static readonly DateTimeOffset EarliestTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LatestTime = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private bool _truncated;

    public static OrderRegistration Registration(OrderRequest? body)
    {
        var r = new RequestReader();
        if (body is null)
        {
            r.Fail("body", "A JSON body is required.");
            r.ThrowIfAny();
        }

        var lines = r.Required(body!.Lines, "lines") ?? [];
        if (lines.Count > OrderLimits.MaxLines)
        {
            // The kernel refuses this too; saying so once spares checking (and reporting) every line.
            r.Fail("lines", $"At most {OrderLimits.MaxLines} lines.");
            lines = [];
        }

        var discounts = body.Discounts ?? [];
        var registration = new OrderRegistration
        {
            OrderId = r.Id(body.OrderId, "orderId"),
            UserId = r.Id(body.UserId, "userId"),
            VenderId = r.Id(body.VenderId, "venderId"),
            VenderType = r.Id(body.VenderType, "venderType"),
            OrderType = r.Id(body.OrderType, "orderType"),
            Channel = r.Id(body.Channel, "channel"),
            Status = r.Required(body.Status, "status") ?? default,
            WarehouseStage = body.WarehouseStage ?? Sdk.Orders.WarehouseStage.NotPushed,
            Freight = body.Freight ?? 0m,
            Currency = body.Currency is null ? "CNY" : r.Currency(body.Currency),
            CompletedAt = r.Time(body.CompletedAt, "completedAt"),
            Attributes = r.Attributes(body.Attributes),
            Lines = [.. lines.Select((l, i) => r.Line(l, i))],
            Discounts = [.. discounts.Select((d, i) => r.Discount(d, i))],
            Fingerprint = Fingerprint(body with { Attributes = body.Attributes is null ? null : new(body.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal)) }),
        };
        r.ThrowIfAny();
        return registration;
    }

    public static IReadOnlyList<RequestedLine> AfterSaleLines(AfterSaleRequest body, RequestReader r)
    {
        var lines = r.Required(body.Lines, "lines") ?? [];
        if (lines.Count is 0 or > 100)
        {
            r.Fail("lines", "Name between 1 and 100 lines.");
            return [];
        }

        var result = new List<RequestedLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var at = $"lines[{i}]";
            if (line is null)
            {
                r.Fail(at, "A line is required, not null.");
                continue;
            }

            var quantity = r.Required(line.Quantity, $"{at}.quantity") ?? 1;
            if (quantity is <= 0 or > OrderLimits.MaxQuantity)
            {
                r.Fail($"{at}.quantity", $"Must be between 1 and {OrderLimits.MaxQuantity}.");
            }

            if (line.RefundAmount is { } amount && (amount <= 0 || !Money.IsValidAmount(amount)))
            {
                r.Fail($"{at}.refundAmount", "Must be an amount > 0 with at most 2 decimals.");
            }

            if (line.MissingWeightGrams is <= 0 or > 10_000_000)
            {
                r.Fail($"{at}.missingWeightGrams", "Must be a positive number of grams when given.");
            }

            if (line.UnitPrice is { } price && !Money.IsValidAmount(price))
            {
                r.Fail($"{at}.unitPrice", "Must be an amount ≥ 0 with at most 2 decimals.");
            }

            result.Add(new RequestedLine
            {
                SkuId = r.Id(line.SkuId, $"{at}.skuId"),
                PromotionType = line.PromotionType is null ? null : r.Text(line.PromotionType, $"{at}.promotionType", MaxIdLength),
                UnitPrice = line.UnitPrice,
                WeightGrams = line.WeightGrams,
                Quantity = quantity,
                RefundAmount = line.RefundAmount,
                MissingWeightGrams = line.MissingWeightGrams,
            });
        }

        return result;
    }

    public static string Fingerprint<T>(T body)
        => Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body))).ToLowerInvariant();

    public T? Required<T>(T? value, string field)
        where T : class
    {
        if (value is null)
        {
            Fail(field, "Required.");
        }

        return value;
    }

    public T? Required<T>(T? value, string field)
        where T : struct
    {
        if (value is null)
        {
            Fail(field, "Required.");
        }

        return value;
    }

    /// <summary>
    /// An identifier: non-blank, short, and without invisible characters: control or format characters (zero-width
    /// space, right-to-left override) would make two ids that look the same different, and one that looks harmless another.
    /// </summary>
    public string Id(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Fail(field, "Required (a non-empty text).");
            return "";
        }

        if (value.Length <= MaxIdLength && value.Any(IsFormat))
        {
            Fail(field, "Invisible formatting characters (zero-width, bidirectional controls) are not allowed.");
            return value;
        }

        return Text(value, field, MaxIdLength);
    }

    /// <summary>
    /// Text of at most <paramref name="maxLength"/>; control characters only in free text (<paramref name="freeText"/>:
    /// reasons, comments), and never NUL, which no text needs and PostgreSQL cannot store.
    /// </summary>
    public string Text(string? value, string field, int maxLength, bool freeText = false)
    {
        value ??= "";
        if (value.Length > maxLength)
        {
            Fail(field, $"At most {maxLength} characters.");
        }
        else if (!freeText && value.Any(char.IsControl))
        {
            Fail(field, "Control characters are not allowed.");
        }
        else if (value.Contains('\0', StringComparison.Ordinal))
        {
            Fail(field, "NUL characters are not allowed.");
        }

        return value;
    }

    /// <summary>A point in time, in UTC; refused outside 2000–2100.</summary>
    public DateTimeOffset? Time(DateTimeOffset? value, string field)
    {
        if (value is { } time && (time < EarliestTime || time >= LatestTime))
        {
            Fail(field, "A time between 2000-01-01 and 2100-01-01 (UTC).");
        }

        return value?.ToUniversalTime();
    }

    public void Fail(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            if (_errors.Count >= MaxReportedFields)
            {
                _truncated = true;
                return;
            }

            _errors[field] = list = [];
        }

        list.Add(message);
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            var errors = _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
            if (_truncated)
            {
                errors["body"] = [.. errors.GetValueOrDefault("body", []), $"More fields are wrong; the first {MaxReportedFields} are listed."];
            }

            throw new DomainValidationException(errors);
        }
    }

    private static bool IsFormat(char c) => char.GetUnicodeCategory(c) == UnicodeCategory.Format;

    private string Currency(string value)
    {
        if (value.Length != 3 || !value.All(char.IsAsciiLetterUpper))
        {
            Fail("currency", "An ISO 4217 code such as CNY.");
        }

        return value;
    }

    private Dictionary<string, string> Attributes(Dictionary<string, string>? attributes)
    {
        attributes ??= [];
        if (attributes.Count > 50)
        {
            Fail("attributes", "At most 50 attributes.");
        }

        foreach (var (key, value) in attributes)
        {
            if (key.Length is 0 or > MaxIdLength || value is null || value.Length > 256
                || key.Any(c => char.IsControl(c) || IsFormat(c)) || value.Any(char.IsControl))
            {
                Fail($"attributes.{Printable(key)}", "Keys are 1–64 visible characters; values are text of at most 256 characters, without control characters.");
            }
        }

        return attributes;
    }

    // The key names the field in `errors`: cut to the id length and with invisible characters spelled out, so the
    // answer neither echoes a 100 kB key nor hides what was wrong with it.
    private static string Printable(string key)
        => key.Length > MaxIdLength ? key[..MaxIdLength] + "…" : string.Concat(key.Select(c => char.IsControl(c) || IsFormat(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    private OrderRegistrationLine Line(OrderLineRequest? line, int i)
    {
        var at = $"lines[{i}]";
        if (line is null)
        {
            Fail(at, "A line is required, not null.");
            return new OrderRegistrationLine(0, "", "", 0, 0, "", null);
        }

        return new OrderRegistrationLine(
            Required(line.LineNo, $"{at}.lineNo") ?? 0,
            Id(line.SkuId, $"{at}.skuId"),
            Text(line.SkuName, $"{at}.skuName", 256),
            Required(line.Quantity, $"{at}.quantity") ?? 0,
            Required(line.UnitPrice, $"{at}.unitPrice") ?? 0,
            Text(line.PromotionType ?? "", $"{at}.promotionType", MaxIdLength),
            line.WeightGrams);
    }

    private OrderRegistrationDiscount Discount(DiscountRequest? discount, int i)
    {
        var at = $"discounts[{i}]";
        if (discount is null)
        {
            Fail(at, "A discount is required, not null.");
            return new OrderRegistrationDiscount("", "Promotion", 0, []);
        }

        var amount = Required(discount.Amount, $"{at}.amount") ?? 0;
        return new OrderRegistrationDiscount(Id(discount.Code, $"{at}.code"), Id(discount.Kind, $"{at}.kind"), amount, discount.LineNos ?? []);
    }
}
