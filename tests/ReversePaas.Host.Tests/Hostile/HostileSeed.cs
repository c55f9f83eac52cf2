namespace ReversePaas.Host.Tests.Hostile;

/// <summary>The ids seeded before the campaign: a completed order, an after-sale in review, one waiting for the return.</summary>
public sealed record HostileSeed(string OrderId, string PendingReviewId, string PendingReturnId);
