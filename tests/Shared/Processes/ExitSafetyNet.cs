namespace ReversePaas.Tests.Processes;

/// <summary>
/// A clean-up that runs when the test process exits (<see cref="AppDomain.ProcessExit"/>: the end of the run, or
/// SIGTERM) unless disposed first. Tests start things that outlive them unless stopped (child processes, a detached
/// PostgreSQL, temporary folders); disposal stops them, and this net catches what an aborted run that still unwinds
/// never disposed, so it does not keep holding ports, connections and disk. Nothing in-process runs on SIGKILL.
/// </summary>
public sealed class ExitSafetyNet : IDisposable
{
    // Nets not yet disposed, run in turn at exit.
    private static readonly HashSet<ExitSafetyNet> Armed = [];

    private readonly Action _cleanUp;

    static ExitSafetyNet() => AppDomain.CurrentDomain.ProcessExit += (_, _) => RunArmed();

    private ExitSafetyNet(Action cleanUp) => _cleanUp = cleanUp;

    /// <summary>
    /// Arms <paramref name="cleanUp"/>, which must be synchronous (ProcessExit handlers cannot await) and quick (the
    /// runtime gives all of them a few seconds together).
    /// </summary>
    public static ExitSafetyNet Arm(Action cleanUp)
    {
        ArgumentNullException.ThrowIfNull(cleanUp);
        var net = new ExitSafetyNet(cleanUp);
        lock (Armed)
        {
            Armed.Add(net);
        }

        return net;
    }

    /// <summary>Disarms the net: its owner has cleaned up itself.</summary>
    public void Dispose()
    {
        lock (Armed)
        {
            Armed.Remove(this);
        }
    }

    private static void RunArmed()
    {
        ExitSafetyNet[] armed;
        lock (Armed)
        {
            armed = [.. Armed];
        }

        foreach (var net in armed)
        {
            try
            {
                net._cleanUp();
            }
#pragma warning disable CA1031 // Best effort at exit: one failed clean-up must not keep the others from running.
            catch (Exception)
#pragma warning restore CA1031
            {
                // Nothing to report to: the test run is over.
            }
        }
    }
}
