namespace ReversePaas.Persistence.Tests;

public sealed class MillisecondTimeProviderTests
{
    [Fact]
    public void Its_time_has_whole_milliseconds_and_follows_the_system_clock()
    {
        var clock = new MillisecondTimeProvider();

        var before = TimeProvider.System.GetUtcNow();
        var samples = Enumerable.Range(0, 1000).Select(_ => clock.GetUtcNow()).ToList();
        var after = TimeProvider.System.GetUtcNow();

        samples.Should().OnlyContain(t => t.Ticks % TimeSpan.TicksPerMillisecond == 0, "both stores keep at least milliseconds, so a stored time reads back unchanged");
        samples.Should().OnlyContain(t => t.Offset == TimeSpan.Zero);
        samples.Should().OnlyContain(t => t > before.AddMilliseconds(-1) && t <= after);
        samples.Should().BeInAscendingOrder();
    }
}
