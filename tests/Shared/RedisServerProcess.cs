using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ReversePaas.Tests.Redis;

/// <summary>
/// A <c>redis-server</c> of the drill's own: a child process on a free loopback port, in memory only (no RDB, no AOF),
/// not daemonized, so the drill can SIGKILL it and start it again on the same port without touching the shared
/// server that other suites use. Killed on dispose (and by <see cref="ChildProcess"/>'s safety net when the test process
/// exits without disposing it).
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PollDelay = TimeSpan.FromMilliseconds(25);

    // One buffer over all starts, so a failure after a restart still shows how the killed server ended.
    private readonly OutputLines _output = new();
    private ChildProcess? _process;

    private RedisServerProcess(int port)
    {
        Port = port;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string of this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The last lines the server wrote, over all its starts, for failure messages.</summary>
    public string Output => _output.ToString();

    /// <summary>Starts a server on a free loopback port and returns once it answers PING.</summary>
    public static async Task<RedisServerProcess> StartAsync()
    {
        var server = new RedisServerProcess(FreeTcpPort.OnLoopback());
        try
        {
            await server.StartAgainAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server again on the same port (after <see cref="KillAsync"/>) and returns once it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"redis-server on port {Port} is still running.");
        }

        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        var start = new ProcessStartInfo("redis-server");
        foreach (var arg in new[] { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no" })
        {
            start.ArgumentList.Add(arg);
        }

        ChildProcess process;
        try
        {
            process = ChildProcess.Start(start, _output);
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not on PATH: eng/start-redis.sh installs it (Debian's redis-server package).", e);
        }

        _process = process;

        var deadline = Stopwatch.StartNew();
        while (!await AnswersPingAsync())
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"redis-server on port {Port} exited with {process.ExitCode}:\n{Output}");
            }

            if (deadline.Elapsed > ReadyTimeout)
            {
                throw new TimeoutException($"redis-server on port {Port} did not answer PING within {ReadyTimeout.TotalSeconds:0} s:\n{Output}");
            }

            await Task.Delay(PollDelay); // polling for readiness with a deadline, not a fixed wait
        }
    }

    /// <summary>SIGKILL: the server vanishes as in a crash, its connections reset, its keys (the locks) lost.</summary>
    public Task KillAsync() => _process?.KillAsync() ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => _process?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
