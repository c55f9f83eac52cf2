using ReversePaas.Sdk;


namespace ReversePaas.Host.Tests.Drills;

/// <summary>An after-sale some storm request was answered 201 with: a target for the reviews, withdrawals, receipts and reads that follow.</summary>
internal sealed record KnownAfterSale(string Id, RaceOrder Order, AfterSaleType Type, string ApplicantKey, IReadOnlyList<(int LineNo, int Quantity)> Lines);
