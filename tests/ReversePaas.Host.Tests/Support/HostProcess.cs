using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace ReversePaas.Host.Tests.Support;

/// <summary>
/// The built host (<c>ReversePaas.Host.dll</c>) run by <c>dotnet</c> as a separate OS process on a free loopback
/// port, configured like <see cref="RunningHost"/> (same API keys and roles, so tests use
/// <see cref="RunningHost.OpsKey"/> etc.). Unlike <see cref="RunningHost"/> it can be killed with SIGKILL
/// (crash drills) and several can share one database (cluster tests). Unix only: signals are POSIX.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    /// <summary>How long a process may take to answer <c>/readyz</c> 200 before the start counts as failed.</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long <see cref="StopAsync"/> waits after SIGTERM before it kills.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The exit code .NET reports for a child ended by SIGKILL: 128 + the signal number (9), as a shell does
    /// (System.Native's waitpid wrapper maps WIFSIGNALED this way).
    /// </summary>
    public const int SigKillExitCode = 128 + 9;

    private const int OutputLines = 400;
    private const int PortAttempts = 5;
    private const int SigTerm = 15;
    private static readonly TimeSpan PollDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(15);
    private static readonly Lazy<HostInstallation> Installation = new(HostInstallation.Find);

    // Processes not yet disposed: killed when the test process exits normally, so an aborted test run that
    // still unwinds does not leave hosts holding ports and database connections.
    private static readonly HashSet<HostProcess> Live = [];

    private readonly Process _process;
    private readonly Queue<string> _output;
    private readonly Stopwatch _started;
    private bool _disposed;
    private int? _exitCodeAtDispose;

    static HostProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAllLive();

    private HostProcess(Process process, Queue<string> output, Stopwatch started, Uri address, string connectionString, IReadOnlyDictionary<string, string> settings)
    {
        _process = process;
        _output = output;
        _started = started;
        ProcessId = process.Id;
        Address = address;
        ConnectionString = connectionString;
        Settings = settings;
        Client = new HttpClient { BaseAddress = address };
    }

    /// <summary>A client whose <see cref="HttpClient.BaseAddress"/> is this process.</summary>
    public HttpClient Client { get; }

    public Uri Address { get; }

    public int ProcessId { get; }

    public string ConnectionString { get; }

    /// <summary>The extra <c>key=value</c> configuration this process was started with.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>From <see cref="Process.Start()"/> until <c>/readyz</c> answered 200.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>Also true after <see cref="DisposeAsync"/>, which kills a running process.</summary>
    public bool HasExited => _disposed || _process.HasExited;

    /// <summary>Null while running; <see cref="SigKillExitCode"/> after <see cref="KillAsync"/>; kept after disposal.</summary>
    public int? ExitCode => _disposed ? _exitCodeAtDispose : _process.HasExited ? _process.ExitCode : null;

    /// <summary>The last <c>400</c> lines the process wrote (stderr lines prefixed <c>stderr: </c>), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>
    /// Starts a host process on <paramref name="connectionString"/> and returns once <c>/readyz</c> answers 200.
    /// <paramref name="settings"/> are extra configuration keys (<c>Section:Key</c>) passed on the command line after
    /// the defaults, so they override them. Throws with the process output when it exits or is not ready in time.
    /// </summary>
    public static async Task<HostProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string>? settings = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        settings ??= new Dictionary<string, string>();
        if (settings.Keys.Any(k => string.Equals(k, "urls", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException("HostProcess chooses the port itself: do not pass 'urls'.", nameof(settings));
        }

        var installation = Installation.Value;
        for (var attempt = 1; ; attempt++)
        {
            var host = Launch(installation, FreeLoopbackPort(), connectionString, settings);
            bool ready;
            try
            {
                ready = await host.WaitUntilReadyAsync(ct);
            }
            catch
            {
                await host.DisposeAsync();
                throw;
            }

            if (ready)
            {
                return host;
            }

            // The port was free when chosen, but something bound it before the child did: choose another.
            var output = host.Output;
            await host.DisposeAsync();
            if (attempt == PortAttempts)
            {
                throw new InvalidOperationException($"Host process could not bind a free port in {PortAttempts} attempts. Last output:\n{output}");
            }
        }
    }

    /// <summary>
    /// Starts a new process on the same database with the same settings (on a new port), after this one was
    /// killed or stopped. For a second process running at the same time use <see cref="StartAsync"/> with
    /// <see cref="ConnectionString"/> and <see cref="Settings"/>.
    /// </summary>
    public Task<HostProcess> RestartAsync(CancellationToken ct = default)
    {
        if (!_process.HasExited)
        {
            throw new InvalidOperationException($"Host process {ProcessId} is still running: kill or stop it before restarting it.");
        }

        return StartAsync(ConnectionString, Settings, ct);
    }

    /// <summary>Ends the process with SIGKILL (no shutdown code runs: a crash) and waits until it is reaped.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        try
        {
            // On Unix Process.Kill sends SIGKILL; the tree variant SIGSTOPs, collects children, then SIGKILLs each.
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) when (_process.HasExited)
        {
            // It exited on its own between the check above and the signal.
        }

        using var timeout = new CancellationTokenSource(KillTimeout);
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>
    /// Asks the process to shut down (SIGTERM: the host stops as on <c>docker stop</c> or systemd) and waits up to
    /// <see cref="StopTimeout"/>; a process still running then is killed.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        if (!OperatingSystem.IsWindows() && SendSignal(ProcessId, SigTerm) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            if (!_process.HasExited)
            {
                throw new InvalidOperationException($"kill({ProcessId}, SIGTERM) failed with errno {error}.");
            }
        }

        try
        {
            using var timeout = new CancellationTokenSource(StopTimeout);
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

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

        try
        {
            await KillAsync();
            _exitCodeAtDispose = _process.ExitCode;
        }
        finally
        {
            Client.Dispose();
            _process.Dispose();
        }
    }

    public override string ToString() => $"host process {ProcessId} at {Address}";

    private static HostProcess Launch(HostInstallation installation, int port, string connectionString, IReadOnlyDictionary<string, string> settings)
    {
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(DotnetExecutable())
        {
            // The content root is the working directory: the host's own folder, where its appsettings.json is.
            WorkingDirectory = installation.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] args =
        [
            installation.EntryAssembly,
            $"--urls={address.GetLeftPart(UriPartial.Authority)}",
            "--environment=Testing",
            $"--Plugins:Directory={installation.Plugins}",
            $"--IdentityMappings:Directory={installation.Mappings}",
            .. Key(0, RunningHost.OpsKey, "Ops", "ops-1"),
            .. Key(1, RunningHost.UserKey, "User", "u-1"),
            .. Key(2, RunningHost.MerchantKey, "Merchant", "v-1"),
            .. Key(3, RunningHost.CustomerServiceKey, "CustomerService", "cs-1"),
            .. Key(4, RunningHost.SystemKey, "System", "order-center"),
            .. Key(5, RunningHost.OtherUserKey, "User", "u-2"),
            .. Key(6, RunningHost.OtherMerchantKey, "Merchant", "v-2"),
            $"--ConnectionStrings:ReversePaas={connectionString}",
            "--Activities:RefundRetryDelay=00:00:00.050",
            "--RateLimiting:PermitsPerSecond=1000000", // tests write far faster than clients do; RateLimitTests set their own limit
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Warning",
            // One line per entry with a timestamp: the bounded buffer then holds more history, and crash drills
            // can line up what the process did with what the test did.
            "--Logging:Console:FormatterName=simple",
            "--Logging:Console:FormatterOptions:SingleLine=true",
            "--Logging:Console:FormatterOptions:TimestampFormat=HH:mm:ss.fff ",
            .. settings.Select(s => $"--{s.Key}={s.Value}"),
            // After the settings on purpose (the last value of a key wins): readiness waits for Kestrel's
            // "Now listening on" line, so a setting that quietened logging must not hide it.
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
        ];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var started = Stopwatch.StartNew();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var output = new Queue<string>();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data is null ? null : "stderr: " + e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"'{start.FileName}' did not start.");
        }

        var host = new HostProcess(process, output, started, address, connectionString, settings);
        lock (Live)
        {
            Live.Add(host);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    private static void Append(Queue<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Enqueue(line);
            while (output.Count > OutputLines)
            {
                output.Dequeue();
            }
        }
    }

    /// <summary>True once ready; false when the child could not bind its port; throws on any other failure.</summary>
    private async Task<bool> WaitUntilReadyAsync(CancellationToken ct)
    {
        // Kestrel's own line proves that this child bound the port: a 200 from /readyz alone could come from
        // another server that took the port between FreeLoopbackPort releasing it and the child binding it.
        var listening = $"Now listening on: {Address.GetLeftPart(UriPartial.Authority)}";
        var deadline = _started.Elapsed + ReadyTimeout;
        var lastProbe = "no answer yet";
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                // Wait for the end of the redirected output so the message carries the process's last words.
                await _process.WaitForExitAsync(ct);
                var output = Output;
                if (output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                throw new InvalidOperationException($"Host process {ProcessId} exited with code {_process.ExitCode} before it was ready. Output:\n{output}");
            }

            if (_started.Elapsed > deadline)
            {
                throw new TimeoutException($"Host process {ProcessId} at {Address} was not ready within {ReadyTimeout.TotalSeconds:0} s (last /readyz: {lastProbe}). Output:\n{Output}");
            }

            if (Output.Contains(listening, StringComparison.Ordinal))
            {
                using var probe = CancellationTokenSource.CreateLinkedTokenSource(ct);
                probe.CancelAfter(ProbeTimeout);
                try
                {
                    using var response = await Client.GetAsync(new Uri("/readyz", UriKind.Relative), probe.Token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        StartupTime = _started.Elapsed;
                        return true;
                    }

                    lastProbe = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(probe.Token)}";
                }
                catch (HttpRequestException e)
                {
                    lastProbe = e.Message;
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    lastProbe = $"no answer within {ProbeTimeout.TotalSeconds:0} s";
                }
            }

            await Task.Delay(PollDelay, ct); // polling for readiness with a deadline, not a fixed wait
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

    /// <summary>The <c>dotnet</c> running these tests (testhost runs under it), so the child uses the same runtime.</summary>
    private static string DotnetExecutable()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return string.IsNullOrEmpty(fromSdk) ? "dotnet" : fromSdk;
    }

    private static string[] Key(int index, string key, string role, string subject) =>
    [
        $"--Auth:ApiKeys:{index}:Key={key}",
        $"--Auth:ApiKeys:{index}:Role={role}",
        $"--Auth:ApiKeys:{index}:Subject={subject}",
    ];

    private static void KillAllLive()
    {
        HostProcess[] live;
        lock (Live)
        {
            live = [.. Live];
        }

        foreach (var host in live)
        {
            try
            {
                host._process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or Win32Exception)
            {
                // Already exited or disposed: nothing left to kill.
            }
        }
    }

    // .NET has no API to send another process a signal other than SIGKILL. DllImport rather than LibraryImport:
    // the generated marshalling would need AllowUnsafeBlocks, and (int, int) -> int needs no marshalling.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>Where the built host is, with the plugins and identity mappings deployed beside it.</summary>
    private sealed record HostInstallation(string Folder, string EntryAssembly, string Plugins, string Mappings)
    {
        private const string EntryFile = "ReversePaas.Host.dll";

        /// <summary>
        /// The test output folder first: the test project references the host, so the same build copies the host
        /// there and build/PluginDeployment.targets deploys the bundled plugins beside it (the folder
        /// <see cref="TestPaths.BundledPlugins"/> names). Then the host project's own output for this configuration.
        /// </summary>
        public static HostInstallation Find()
        {
            var testOutput = AppContext.BaseDirectory;
            var framework = Path.GetFileName(Path.TrimEndingDirectorySeparator(testOutput));
            var configuration = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(testOutput)));
            string[] candidates =
            [
                testOutput,
                Path.Combine(RepositoryFolders.Root, "kernel", "ReversePaas.Host", "bin", configuration ?? "Debug", framework),
            ];
            var problems = new StringBuilder();
            foreach (var candidate in candidates)
            {
                var missing = Missing(candidate);
                if (missing.Count == 0)
                {
                    var directory = Path.GetFullPath(candidate);
                    return new HostInstallation(directory, Path.Combine(directory, EntryFile), Path.Combine(directory, "plugins"), Path.Combine(directory, "identity-mappings"));
                }

                problems.Append(CultureInfo.InvariantCulture, $"\n  {candidate}: missing {string.Join(", ", missing)}");
            }

            throw new InvalidOperationException($"No built host to run: build the solution first (dotnet build ReversePaas.sln). Looked in:{problems}");
        }

        private static List<string> Missing(string directory)
        {
            var missing = new List<string>();
            foreach (var file in new[] { EntryFile, "ReversePaas.Host.runtimeconfig.json", "ReversePaas.Host.deps.json", Path.Combine("identity-mappings", "identities.json") })
            {
                if (!File.Exists(Path.Combine(directory, file)))
                {
                    missing.Add(file);
                }
            }

            var plugins = Path.Combine(directory, "plugins");
            if (!Directory.Exists(plugins) || !Directory.EnumerateFiles(plugins, "plugin.json", SearchOption.AllDirectories).Any())
            {
                missing.Add("plugins/*/plugin.json (deployed by build/PluginDeployment.targets)");
            }

            return missing;
        }
    }
}
