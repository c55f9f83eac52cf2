using ReversePaas.Host.Tests.Flows;

namespace ReversePaas.Host.Tests.Security;

/// <summary>
/// One row of the access matrix: a route (as the host maps it), the case when a route needs more than one (who applied,
/// who reviews), what each <see cref="Caller"/> gets, and the probe that prepares a fresh request for one cell.
/// <see cref="IsEndpoint"/> is false for what middleware serves (the Swagger UI), which has no endpoint to enumerate.
/// </summary>
internal sealed record RouteAccessRow(
    string Method,
    string Route,
    string Case,
    IReadOnlyList<Access> Expected,
    Func<ReverseApi, Task<AccessRequest>> Probe,
    bool IsEndpoint = true)
{
    public string Name => Case.Length == 0 ? $"{Method} {Route}" : $"{Method} {Route} ({Case})";
}
