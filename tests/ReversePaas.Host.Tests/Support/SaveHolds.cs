using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ReversePaas.Host.Tests.Support;

/// <summary>
/// Holds the write of chosen requests: a request sent with <see cref="Header"/> naming a gate stops right before its
/// unit of work saves — inside its critical section, after it read under the order's lock — until the test opens that
/// gate. Other requests and background work save as usual.
/// </summary>
public sealed class SaveHolds
{
    /// <summary>The request header naming the gate a request's save waits at.</summary>
    public const string Header = "X-Test-Hold-Save";

    private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    /// <summary>A new gate for requests sent with <c>X-Test-Hold-Save: <paramref name="name"/></c>.</summary>
    public Gate Add(string name) => _gates.GetOrAdd(name, _ => new Gate());

    /// <summary>Replaces the host's store with one that holds the saves of marked requests (for <see cref="RunningHost.StartWithServicesAsync"/>).</summary>
    public void Register(IServiceCollection services)
        => DelegatingReverseStore.Replace(services, (sp, inner) => new HeldSaveStore(inner, sp.GetRequiredService<IHttpContextAccessor>(), this));

    internal Gate? For(HttpContext? request)
        => request?.Request.Headers[Header].ToString() is { Length: > 0 } name && _gates.TryGetValue(name, out var gate) ? gate : null;
}
