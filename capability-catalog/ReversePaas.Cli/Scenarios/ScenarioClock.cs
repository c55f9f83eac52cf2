namespace ReversePaas.Cli.Scenarios;

/// <summary>
/// The in-process kernel's clock: it runs like the wall clock (so a refund retry due in 50 ms comes due) and jumps
/// when a scenario moves it, so a 48-hour review timeout costs no wait.
/// </summary>
internal sealed class ScenarioClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
