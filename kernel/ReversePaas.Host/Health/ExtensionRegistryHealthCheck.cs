using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Extensions.Budget;
using ReversePaas.Plugins;
using ReversePaas.Plugins.Loading;

namespace ReversePaas.Host.Health;

/// <summary>
/// Ready only when every plugin loaded and the registry has no errors (conflicts, bindings to nothing):
/// a host that would refuse or misroute some identity's requests must not receive traffic. Degraded (still ready)
/// while an extension's breaker is open: only that extension's identities are refused, and only for a while.
/// </summary>
[ReadinessCheck("extensions", 1)]
internal sealed class ExtensionRegistryHealthCheck(PluginRuntime runtime, ExtensionCallBudget budget) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = runtime.Extensions.Current;
        var failed = runtime.Plugins.Where(p => p.State == PluginState.Failed).ToArray();
        var errors = snapshot.Problems.Where(p => p.Severity == ProblemSeverity.Error && p.Code != "plugin-failed").ToArray();
        var data = new Dictionary<string, object>
        {
            ["generation"] = snapshot.Generation,
            ["pluginsLoaded"] = runtime.Plugins.Count(p => p.State == PluginState.Loaded),
            ["pluginsFailed"] = failed.Select(p => $"{p.Id}: {p.Error}").ToArray(),
            ["problems"] = errors.Select(p => $"{p.Code}: {p.Message}").ToArray(),
        };
        var broken = budget.Breakers.Where(b => b.State != BreakerState.Closed).OrderBy(b => b.ExtensionId, StringComparer.Ordinal).ToArray();
        data["breakersOpen"] = broken.Select(b => $"{b.ExtensionId} ({b.PluginId} {b.PluginVersion}): {b.State}, last failure: {b.LastFailure}").ToArray();

        if (failed.Length == 0 && errors.Length == 0)
        {
            return Task.FromResult(broken.Length == 0
                ? HealthCheckResult.Healthy($"{snapshot.Extensions.Count} extension(s) registered.", data)
                : HealthCheckResult.Degraded($"{broken.Length} extension breaker(s) open: {string.Join(", ", broken.Select(b => b.ExtensionId))}.", data: data));
        }

        var reasons = failed.Select(p => $"plugin '{p.Id}' failed: {p.Error}").Concat(errors.Select(p => p.Message));
        return Task.FromResult(HealthCheckResult.Unhealthy(string.Join(" | ", reasons), data: data));
    }
}
