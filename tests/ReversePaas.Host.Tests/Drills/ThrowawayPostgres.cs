using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace ReversePaas.Host.Tests.Drills;

/// <summary>
/// A PostgreSQL server of the drill's own, made with <c>initdb</c> in a temporary folder and run with <c>pg_ctl</c> on a
/// free loopback port, so that a drill can stop and start it without touching the shared test cluster
/// (<c>15/reversepaas</c>, eng/start-postgres.sh) that other suites use. Uses the binaries eng/start-postgres.sh
/// installs (<c>/usr/lib/postgresql/N/bin</c>). PostgreSQL refuses to run as root, so as root the server runs as the
/// <c>postgres</c> user (via <c>runuser</c>), otherwise as the current user. Stopped (immediately) and deleted on
/// dispose; see <see cref="StartAsync"/> for what happens when the test process ends without disposing it.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private const string Role = "reversepaas";
    private const string Database = "drill";
    private const string ServerUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitStopTimeout = TimeSpan.FromSeconds(10);

    private readonly string _bin;
    private readonly string _folder;
    private readonly ExitSafetyNet _safetyNet;
    private readonly Process _watchdog;
    private bool _disposed;

    private ThrowawayPostgres(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
        _safetyNet = ExitSafetyNet.Arm(StopAndDeleteNow);
        _watchdog = StartWatchdog();
    }

    public int Port { get; }

    /// <summary>The drill database, pooled as a host would use it.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username={Role};Database={Database}";

    /// <summary>The same database without pooling, for the drill's own checks (no connection left over from before a restart).</summary>
    public string UnpooledConnectionString => ConnectionString + ";Pooling=false";

    /// <summary>The server's log, for failure messages.</summary>
    public string ServerLog => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";

    private string Data => Path.Combine(_folder, "data");

    private string LogFile => Path.Combine(_folder, "server.log");

    private static bool AsRoot => Environment.IsPrivilegedProcess;

    /// <summary>
    /// Creates, configures and starts the server, and creates the drill database. pg_ctl runs the server detached from
    /// this process, so nothing would stop it if the test process ended without disposing it; two nets do, each with
    /// <c>pg_ctl stop -m immediate</c> and deleting the folder: an <see cref="ExitSafetyNet"/> when the process exits
    /// (the end of the run, SIGTERM), and a watchdog process for the ends in which no code of this process runs
    /// (SIGKILL by a hang timeout or the OOM killer, a crash).
    /// </summary>
    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "reversepaas-drills", $"pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var server = new ThrowawayPostgres(FindBinaries(), folder, FreeTcpPort.OnLoopback());
        try
        {
            if (AsRoot)
            {
                await ChildProcess.RunAsync("chown", [$"{ServerUser}:{ServerUser}", folder], CommandTimeout);
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

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
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
        // Disarmed only once stopped and deleted: if either failed, the nets try again when the test process ends.
        _safetyNet.Dispose();
        _watchdog.StandardInput.Close();
        _watchdog.Dispose();
    }

    /// <summary>The exit net: synchronous, because ProcessExit handlers cannot await; best effort.</summary>
    private void StopAndDeleteNow()
    {
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            var command = ServerToolCommand("pg_ctl", ["-D", Data, "-m", "immediate", "stop"]);
            using var stop = Process.Start(command[0], command[1..]);
            stop.WaitForExit(ExitStopTimeout);
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>
    /// The net for ends of the test process in which none of its code runs. A shell waits for end-of-file on its stdin,
    /// a pipe whose writing end only this process holds (.NET opens its pipes close-on-exec, so no other child inherits
    /// it): the kernel closes it however this process ends, and then the shell stops the server and deletes the folder.
    /// It puts itself in the background so that a kill of this process's tree does not take it along. On dispose the
    /// pipe is closed after the server was stopped and the folder deleted, so the shell finds nothing left to do.
    /// </summary>
    private Process StartWatchdog()
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardInput = true, UseShellExecute = false };
        string[] args =
        [
            "-c",
            // A background job's stdin is /dev/null, so the pipe goes to it as descriptor 3.
            "folder=$1; shift; exec 3<&0; (cat <&3 >/dev/null; \"$@\"; rm -rf -- \"$folder\") </dev/null >/dev/null 2>&1 &",
            "reversepaas-drill-postgres-watchdog",
            _folder,
            .. ServerToolCommand("pg_ctl", ["-D", Data, "-m", "immediate", "stop"]),
        ];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("sh did not start.");
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

    /// <summary>Runs a PostgreSQL tool as the user the server runs as; returns its output.</summary>
    private Task<string> RunServerToolAsync(string tool, string[] args)
    {
        var command = ServerToolCommand(tool, args);
        return ChildProcess.RunAsync(command[0], command[1..], CommandTimeout);
    }

    /// <summary>The command line (file first) that runs a PostgreSQL tool as the user the server runs as.</summary>
    private string[] ServerToolCommand(string tool, string[] args)
        => AsRoot
            ? ["runuser", "-u", ServerUser, "--", Path.Combine(_bin, tool), .. args]
            : [Path.Combine(_bin, tool), .. args];
}
