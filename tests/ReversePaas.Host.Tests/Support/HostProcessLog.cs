using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Support;

/// <summary>
/// The host processes a test started, so that their output reaches the test log however the test ends (output stays
/// readable after a process was killed or disposed; the runner shows it when a test fails).
/// </summary>
public sealed class HostProcessLog(ITestOutputHelper log)
{
    private readonly List<HostProcess> _started = [];

    public void Add(params HostProcess[] hosts)
    {
        lock (_started)
        {
            _started.AddRange(hosts);
        }
    }

    public void WriteOutputs()
    {
        lock (_started)
        {
            foreach (var host in _started)
            {
                log.WriteLine($"--- output of {host} (exit code {host.ExitCode}) ---\n{host.Output}");
            }
        }
    }
}
