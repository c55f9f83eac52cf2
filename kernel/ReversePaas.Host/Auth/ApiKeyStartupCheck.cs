namespace ReversePaas.Host.Auth;

/// <summary>Warns at start-up when no API key is configured, since every protected call will then be refused.</summary>
internal sealed class ApiKeyStartupCheck(ApiKeyRegistry keys, ILogger<ApiKeyStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            logger.LogWarning("No API keys are configured (Auth:ApiKeys): every call except health, OpenAPI and the catalog page will answer 401.");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
