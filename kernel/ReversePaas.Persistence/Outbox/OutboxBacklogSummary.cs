namespace ReversePaas.Persistence.Outbox;

/// <summary>Undelivered messages, how many of them failed at least once, and when the oldest was written (null: none).</summary>
public sealed record OutboxBacklogSummary(int Pending, int Failing, DateTimeOffset? OldestWrittenAt);
