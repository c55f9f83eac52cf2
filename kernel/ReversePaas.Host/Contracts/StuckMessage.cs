namespace ReversePaas.Host.Contracts;

/// <summary>An outbox message failing or pending for more than a minute.</summary>
public sealed record StuckMessage(long Id, string Topic, string Key, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt);
