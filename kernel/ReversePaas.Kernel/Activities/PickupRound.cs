namespace ReversePaas.Kernel.Activities;

/// <summary>One dispatch of an order's waiting pickups: its number (1 for the order's first) and the earliest time asked for.</summary>
public sealed record PickupRound(int Number, DateTimeOffset PickupAt);
