using System.Diagnostics;
using System.Globalization;
using System.Net;
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
    /// <summary>
    /// How long a process may take to answer <c>/readyz</c> 200 before the start counts as failed. Generous: on the
    /// shared 2-core machine at load average 28-71 starts took 10-57 s, and twice more than 60 s.
    /// </summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    /// <summary>How long <see cref="StopAsync"/> waits after SIGTERM before it kills.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The exit code of a process ended by SIGKILL (<see cref="ChildProcess.SigKillExitCode"/>).</summary>
    public const int SigKillExitCode = ChildProcess.SigKillExitCode;

    private const int PortAttempts = 5;
    private static readonly TimeSpan PollDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private static readonly Lazy<HostInstallation> Installation = new(HostInstallation.Find);

    // Killed on dispose and, by its ExitSafetyNet, when the test process exits without disposing it, so an aborted
    // test run that still unwinds does not leave hosts holding ports and database connections.
    private readonly ChildProcess _process;
    private readonly Stopwatch _started;

    private HostProcess(ChildProcess process, Stopwatch started, Uri address, string connectionString, IReadOnlyDictionary<string, string> settings)
    {
        _process = process;
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
    public bool HasExited => _process.HasExited;

    /// <summary>Null while running; <see cref="SigKillExitCode"/> after <see cref="KillAsync"/>; kept after disposal.</summary>
    public int? ExitCode => _process.ExitCode;

    /// <summary>The last <c>400</c> lines the process wrote (stderr lines prefixed <c>stderr: </c>), for failure messages.</summary>
    public string Output => _process.Output.ToString();

    /// <summary>GETs <paramref name="path"/> with <paramref name="key"/>; anything but 200 fails with the body and the host's output.</summary>
    public async Task<System.Text.Json.Nodes.JsonNode> GetOkAsync(string path, string key)
    {
        using var request = RunningHost.Request(HttpMethod.Get, path, key);
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{path}: {body}\n{Output}");
        return System.Text.Json.Nodes.JsonNode.Parse(body)!;
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
            var host = Launch(installation, FreeTcpPort.OnLoopback(), connectionString, settings);
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
    public Task KillAsync() => _process.KillAsync();

    /// <summary>
    /// Asks the process to shut down (SIGTERM: the host stops as on <c>docker stop</c> or systemd) and waits up to
    /// <see cref="StopTimeout"/>; a process still running then is killed.
    /// </summary>
    public Task StopAsync() => _process.StopAsync(StopTimeout);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _process.DisposeAsync();
        }
        finally
        {
            Client.Dispose();
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
        return new HostProcess(ChildProcess.Start(start), started, address, connectionString, settings);
    }

    /// <summary>True once ready; false when the child could not bind its port; throws on any other failure.</summary>
    private async Task<bool> WaitUntilReadyAsync(CancellationToken ct)
    {
        // Kestrel's own line proves that this child bound the port: a 200 from /readyz alone could come from
        // another server that took the port between FreeTcpPort releasing it and the child binding it.
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
