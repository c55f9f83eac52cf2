namespace ReversePaas.Host.Contracts;

/// <summary>A deadline held by the job store, as ops see it.</summary>
/// <param name="Kind">unpaid-order, review-timeout, return-shipment-timeout, combined-pickup.</param>
/// <param name="Key">The order or after-sale.</param>
/// <param name="DueAt">When it fires (null: firing now).</param>
/// <param name="State">The job store's trigger state (Normal, Blocked, Error…).</param>
public sealed record ScheduledDeadline(string Kind, string Key, DateTimeOffset? DueAt, string State);
