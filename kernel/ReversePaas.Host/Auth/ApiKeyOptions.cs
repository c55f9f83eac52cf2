namespace ReversePaas.Host.Auth;

/// <summary>The <c>Auth</c> configuration section: the API keys the host accepts.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Configured keys (<c>Auth:ApiKeys:N:Key|Role|Subject</c>).</summary>
    public IList<ApiKeyEntry> ApiKeys { get; } = [];
}
