using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ReversePaas.Host.Tests.Drills;

/// <summary>
/// A PostgreSQL server of the drill's own, made with <c>initdb</c> in a temporary folder and run with <c>pg_ctl</c> on a
/// free loopback port, so that a drill can stop and start it without touching the shared test cluster
/// (<c>15/reversepaas</c>, eng/start-postgres.sh) that other suites use. Uses the binaries eng/start-postgres.sh
/// installs (<c>/usr/lib/postgresql/N/bin</c>). PostgreSQL refuses to run as root, so as root the server runs as the
/// <c>postgres</c> user (via <c>runuser</c>), otherwise as the current user. Stopped (immediately) and deleted on dispose.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private const string Role = "reversepaas";
    private const string Database = "drill";
    private const string ServerUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    // Servers not yet disposed: pg_ctl runs them detached from this process, so a test run that ends without disposing
    // (an aborted run that still unwinds) would leave them running and holding their port; stopped on exit instead.
    private static readonly HashSet<ThrowawayPostgres> Live = [];

    private readonly string _bin;
    private readonly string _folder;
    private bool _disposed;

    static ThrowawayPostgres() => AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAllLive();

    private ThrowawayPostgres(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The drill database, pooled as a host would use it.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username={Role};Database={Database}";

    /// <summary>The same database without pooling, for the drill's own checks (no connection left over from before a restart).</summary>
    public string UnpooledConnectionString => ConnectionString + ";Pooling=false";

    private string Data => Path.Combine(_folder, "data");

    private string LogFile => Path.Combine(_folder, "server.log");

    private static bool AsRoot => Environment.IsPrivilegedProcess;

    /// <summary>Creates, configures and starts the server, and creates the drill database.</summary>
    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "reversepaas-drills", $"pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var server = new ThrowawayPostgres(FindBinaries(), folder, FreeLoopbackPort());
        try
        {
            if (AsRoot)
            {
                await RunAsync("chown", [$"{ServerUser}:{ServerUser}", folder]);
            }

            await server.RunServerToolAsync("initdb", ["-D", server.Data, "-U", Role, "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]);
            // Appended to the file initdb wrote (keeping its owner), so a later start or restart needs no options.
            await File.AppendAllTextAsync(Path.Combine(server.Data, "postgresql.conf"), string.Join('\n',
            [
                "",
                "# The drill's throw-away server: loopback only, durability off (the drill restarts it, it never crashes the machine).",
                $"port = {server.Port}",
                "listen_addresses = '127.0.0.1'",
                $"unix_socket_directories = '{folder}'",
                "max_connections = 200",
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                "",
            ]));
            lock (Live)
            {
                Live.Add(server);
            }

            await server.StartServerAsync();
            await using (var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={server.Port};Username={Role};Database=postgres;Pooling=false"))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", connection);
                await create.ExecuteNonQueryAsync();
            }

            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary><c>pg_ctl stop -m fast</c>: open sessions are terminated and the server shuts down, as in a restart for maintenance.</summary>
    public Task StopServerAsync() => RunServerToolAsync("pg_ctl", ["-D", Data, "-m", "fast", "-w", "-t", "30", "stop"]);

    /// <summary><c>pg_ctl start</c>, returning once the server accepts connections.</summary>
    public Task StartServerAsync() => RunServerToolAsync("pg_ctl", ["-D", Data, "-l", LogFile, "-w", "-t", "30", "start"]);

    /// <summary>The server's log, for failure messages.</summary>
    public string ServerLog => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (Live)
        {
            Live.Remove(this);
        }

        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            try
            {
                await RunServerToolAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // Already stopped: the pid file was left by a server that is gone.
            }
        }

        Directory.Delete(_folder, recursive: true);
    }

    private static void StopAllLive()
    {
        ThrowawayPostgres[] live;
        lock (Live)
        {
            live = [.. Live];
        }

        foreach (var server in live)
        {
            // Synchronous on purpose: ProcessExit handlers cannot await. Best effort; the folder stays in the temp area.
            var pgCtl = Path.Combine(server._bin, "pg_ctl");
            var stop = new ProcessStartInfo(AsRoot ? "runuser" : pgCtl) { UseShellExecute = false };
            string[] asServerUser = AsRoot ? ["-u", ServerUser, "--", pgCtl] : [];
            foreach (var arg in (string[])[.. asServerUser, "-D", server.Data, "-m", "immediate", "stop"])
            {
                stop.ArgumentList.Add(arg);
            }

            using var process = Process.Start(stop);
            process?.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    private static string FindBinaries()
    {
        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(v => (Version: int.TryParse(Path.GetFileName(v), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1, Bin: Path.Combine(v, "bin")))
                .Where(v => v.Version > 0 && File.Exists(Path.Combine(v.Bin, "initdb")) && File.Exists(Path.Combine(v.Bin, "pg_ctl")))
                .OrderByDescending(v => v.Version)
                .Select(v => v.Bin)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException("No PostgreSQL server binaries under /usr/lib/postgresql/N/bin: eng/start-postgres.sh installs them.");
    }

    /// <summary>Runs a PostgreSQL tool as the user the server runs as.</summary>
    private Task RunServerToolAsync(string tool, string[] args)
        => AsRoot
            ? RunAsync("runuser", ["-u", ServerUser, "--", Path.Combine(_bin, tool), .. args])
            : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"'{file}' did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {string.Join(' ', args)}' exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }

    private static int FreeLoopbackPort()
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
