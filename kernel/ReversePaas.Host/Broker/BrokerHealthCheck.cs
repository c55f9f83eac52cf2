using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ReversePaas.Host.Broker;

/// <summary>
/// <c>/readyz</c> check <c>broker</c> (only with a broker configured): Degraded, still ready, while the broker cannot be
/// reached, since the host serves requests and the outbox keeps the events until it is back.
/// </summary>
internal sealed class BrokerHealthCheck(BrokerConnection connection, BrokerInbound inbound) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var error = await connection.CheckAsync(cancellationToken);
        if (error is not null)
        {
            return HealthCheckResult.Degraded($"The broker is unavailable ({error}); events wait in the outbox.");
        }

        return inbound.LastError is { } inboundError
            ? HealthCheckResult.Degraded($"Inbound events are not consumed ({inboundError}); they wait in {BrokerTopology.InboundQueue}.")
            : HealthCheckResult.Healthy("Connected to the broker; consuming inbound events.");
    }
}
