namespace ReversePaas.Sdk.Ports;

/// <summary>An external system could not be reached or timed out; the call may be retried (ports are idempotent).</summary>
public sealed class PortUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PortUnavailableException(string port, string message, Exception? inner = null)
        : base(message, inner)
    {
        Port = port;
    }

    /// <summary>The port, e.g. <c>payment</c>.</summary>
    public string Port { get; }
}
