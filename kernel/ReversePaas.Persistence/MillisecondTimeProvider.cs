namespace ReversePaas.Persistence;

/// <summary>
/// The system clock cut to whole milliseconds, the finest time both stores keep (SQLite stores Unix milliseconds,
/// PostgreSQL microseconds). With it the after-sale a write answers carries the same <c>createdAt</c>/<c>updatedAt</c>
/// as every later read and every replay of that write, so a client may compare them.
/// </summary>
public sealed class MillisecondTimeProvider : TimeProvider
{
    public override DateTimeOffset GetUtcNow()
    {
        var now = base.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
