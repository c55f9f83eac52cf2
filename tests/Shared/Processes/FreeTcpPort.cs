using System.Net;
using System.Net.Sockets;

namespace ReversePaas.Tests.Processes;

/// <summary>A TCP port nothing listens on, for a server a test starts of its own (a host, a redis-server, a PostgreSQL).</summary>
public static class FreeTcpPort
{
    /// <summary>
    /// A port on 127.0.0.1 that was free a moment ago: the operating system picks it for a listener that is closed at
    /// once. Another process may still take it before the caller's server binds it, so a caller that can tell (as
    /// <c>HostProcess</c> does) chooses again.
    /// </summary>
    public static int OnLoopback()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
