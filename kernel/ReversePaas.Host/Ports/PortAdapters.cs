using System.Reflection;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Ports;

/// <summary>
/// Which class serves each of the five ports: the <see cref="PortAdapterAttribute"/> class implementing it whose mode
/// <c>Ports:&lt;System&gt;:Mode</c> names (<see cref="DefaultMode"/> when unset). A mode that no class offers stops the
/// start-up with the key, the value and the modes there are, rather than leaving a system unserved.
/// </summary>
internal static class PortAdapters
{
    public const string DefaultMode = "Simulator";

    /// <summary>The ports, each with the name its configuration section has.</summary>
    public static IReadOnlyList<(Type Port, string System)> Ports { get; } =
    [
        (typeof(IPaymentPort), "Payment"),
        (typeof(IWarehousePort), "Warehouse"),
        (typeof(ILogisticsPort), "Logistics"),
        (typeof(IInventoryPort), "Inventory"),
        (typeof(ISettlementPort), "Settlement"),
    ];

    /// <summary>True for the embedded simulators (mode <see cref="DefaultMode"/>).</summary>
    public static bool IsSimulator(Type adapter)
        => string.Equals(adapter.GetCustomAttribute<PortAdapterAttribute>()?.Mode, DefaultMode, StringComparison.OrdinalIgnoreCase);

    /// <summary>The class chosen for each port among <paramref name="candidates"/>.</summary>
    /// <exception cref="InvalidOperationException">A configured mode has no class, or two classes claim one.</exception>
    public static IReadOnlyDictionary<Type, Type> Choose(IEnumerable<Type> candidates, IConfiguration configuration)
    {
        var adapters = candidates
            .Select(type => (Type: type, Mode: type.GetCustomAttribute<PortAdapterAttribute>()?.Mode))
            .Where(a => a.Mode is not null && a.Type is { IsClass: true, IsAbstract: false })
            .ToList();
        var chosen = new Dictionary<Type, Type>();
        foreach (var (port, system) in Ports)
        {
            var key = $"Ports:{system}:Mode";
            var mode = configuration[key] is { Length: > 0 } configured ? configured.Trim() : DefaultMode;
            var offered = adapters.Where(a => port.IsAssignableFrom(a.Type)).ToList();
            var matching = offered.Where(a => string.Equals(a.Mode, mode, StringComparison.OrdinalIgnoreCase)).ToList();
            chosen[port] = matching.Count switch
            {
                1 => matching[0].Type,
                0 => throw new InvalidOperationException(
                    $"{key} is '{mode}', but no {system.ToLowerInvariant()} adapter has that mode; this build offers: {string.Join(", ", offered.Select(a => a.Mode).Distinct().Order())}."),
                _ => throw new InvalidOperationException(
                    $"{key} '{mode}' is offered by more than one class: {string.Join(", ", matching.Select(a => a.Type.Name))}."),
            };
        }

        return chosen;
    }
}
