namespace ReversePaas.Kernel.Activities;

/// <summary>Timed work due at <paramref name="DueAt"/> for the order or after-sale <paramref name="Key"/>.</summary>
public sealed record Deadline(DeadlineKind Kind, string Key, DateTimeOffset DueAt);
