using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ReversePaas.Tests.Processes;

/// <summary>
/// A process a test starts (a host, a redis-server, a PostgreSQL tool): its stdout and stderr lines go to an
/// <see cref="OutputLines"/> (stderr lines prefixed <c>stderr: </c>) for failure messages; it can be SIGKILLed (a crash)
/// or asked to stop with SIGTERM; it is killed on dispose and, through an <see cref="ExitSafetyNet"/>, when the test
/// process exits without disposing it. Unix only: signals are POSIX.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    /// <summary>
    /// The exit code .NET reports for a child ended by SIGKILL: 128 + the signal number (9), as a shell does
    /// (System.Native's waitpid wrapper maps WIFSIGNALED this way).
    /// </summary>
    public const int SigKillExitCode = 128 + 9;

    private const int SigTerm = 15;
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly string _fileName;
    private readonly ExitSafetyNet _safetyNet;
    private bool _disposed;
    private int? _exitCodeAtDispose;

    private ChildProcess(Process process, OutputLines output)
    {
        _process = process;
        _fileName = process.StartInfo.FileName;
        Output = output;
        Id = process.Id;
        _safetyNet = ExitSafetyNet.Arm(() => KillTree(process));
    }

    public int Id { get; }

    /// <summary>What the process wrote (the buffer passed to <see cref="Start"/>, shared with any other start given it).</summary>
    public OutputLines Output { get; }

    /// <summary>Also true after <see cref="DisposeAsync"/>, which kills a running process.</summary>
    public bool HasExited => _disposed || _process.HasExited;

    /// <summary>Null while running; <see cref="SigKillExitCode"/> after <see cref="KillAsync"/>; kept after disposal.</summary>
    public int? ExitCode => _disposed ? _exitCodeAtDispose : _process.HasExited ? _process.ExitCode : null;

    /// <summary>
    /// Starts <paramref name="start"/> with its output redirected into <paramref name="output"/> (a new buffer of
    /// <see cref="OutputLines.DefaultCapacity"/> lines when null). Throws <see cref="Win32Exception"/> when the file
    /// cannot be run (not on PATH).
    /// </summary>
    public static ChildProcess Start(ProcessStartInfo start, OutputLines? output = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var lines = output ?? new OutputLines();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => lines.Append(e.Data);
        process.ErrorDataReceived += (_, e) => lines.Append(e.Data is null ? null : "stderr: " + e.Data);
        try
        {
            if (!process.Start())
            {
                throw new InvalidOperationException($"'{start.FileName}' did not start.");
            }
        }
        catch
        {
            process.Dispose();
            throw;
        }

        var child = new ChildProcess(process, lines);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// Runs a command to its end and returns its output; throws <see cref="InvalidOperationException"/> with that output
    /// when it exits with another code than 0, <see cref="TimeoutException"/> (after killing it) when it outlives
    /// <paramref name="timeout"/>.
    /// </summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var command = $"{file} {string.Join(' ', start.ArgumentList)}";
        await using var child = Start(start);
        using (var deadline = new CancellationTokenSource(timeout))
        {
            try
            {
                await child.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"'{command}' did not finish within {timeout.TotalSeconds:0} s:\n{child.Output}");
            }
        }

        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command}' exited with {child.ExitCode}:\n{child.Output}");
        }

        return child.Output.ToString();
    }

    /// <summary>Waits until the process has exited and its output has been read to the end.</summary>
    public Task WaitForExitAsync(CancellationToken ct = default) => _process.WaitForExitAsync(ct);

    /// <summary>Ends the process and its children with SIGKILL (no shutdown code runs: a crash) and waits until it is reaped.</summary>
    public Task KillAsync() => _disposed ? Task.CompletedTask : KillRunningAsync();

    /// <summary>
    /// Asks the process to shut down (SIGTERM, as <c>docker stop</c> or systemd do) and waits up to
    /// <paramref name="timeout"/>; a process still running then is killed.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (HasExited)
        {
            return;
        }

        if (!OperatingSystem.IsWindows() && SendSignal(Id, SigTerm) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            if (!_process.HasExited)
            {
                throw new InvalidOperationException($"kill({Id}, SIGTERM) failed with errno {error}.");
            }
        }

        try
        {
            using var deadline = new CancellationTokenSource(timeout);
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            await KillRunningAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await KillRunningAsync();
            _exitCodeAtDispose = _process.ExitCode;
        }
        finally
        {
            _safetyNet.Dispose();
            _process.Dispose();
        }
    }

    public override string ToString() => $"process {Id} ({_fileName})";

    private async Task KillRunningAsync()
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

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // Already exited or disposed: nothing left to kill.
        }
    }

    // .NET has no API to send another process a signal other than SIGKILL. DllImport rather than LibraryImport:
    // the generated marshalling would need AllowUnsafeBlocks, and (int, int) -> int needs no marshalling.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
