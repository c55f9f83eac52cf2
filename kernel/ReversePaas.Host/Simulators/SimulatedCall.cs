namespace ReversePaas.Host.Simulators;

/// <summary>One call a simulator answered, for ops and tests to inspect.</summary>
/// <param name="System">payment, warehouse, logistics, inventory, settlement.</param>
/// <param name="Operation">The port method.</param>
/// <param name="Key">The idempotency key (refund id, after-sale id, shipment key, order id).</param>
/// <param name="OrderId">The order.</param>
/// <param name="Amount">Money, for payment and settlement.</param>
/// <param name="Outcome">succeeded, refused, unavailable, replayed.</param>
/// <param name="Reference">What the system answered.</param>
/// <param name="Detail">Route, lines or reason.</param>
/// <param name="At">When.</param>
internal sealed record SimulatedCall(string System, string Operation, string Key, string OrderId, decimal? Amount, string Outcome, string Reference, string Detail, DateTimeOffset At);
