using System.Text.Json;
using System.Text.Json.Nodes;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Validation;

namespace ReversePaas.Host.Tests.Support;

/// <summary>
/// Reads an answer as the API's own response record (Host/Contracts), with the host's JSON rules (enums by name, money
/// as numbers), so a test asserts on <c>sale.Status</c> and <c>order.Ledger.Refunded</c> rather than on JSON paths: a
/// renamed or retyped field then fails to compile instead of reading null.
/// </summary>
public static class ResponseRecords
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new EnumNameConverter(), new MoneyJsonConverter() },
    };

    public static T As<T>(this JsonNode node)
        => node.Deserialize<T>(Options) ?? throw new InvalidOperationException($"The answer is not a {typeof(T).Name}: {node.ToJsonString()}");
}
