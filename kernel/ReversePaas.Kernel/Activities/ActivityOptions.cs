namespace ReversePaas.Kernel.Activities;

/// <summary>Tunables of the activities (configuration section <c>Activities</c>).</summary>
public sealed class ActivityOptions
{
    /// <summary>Unpaid orders are cancelled this long after registration (API.md <c>Orders:UnpaidTimeout</c>, default 30 min).</summary>
    public TimeSpan UnpaidTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a request waits for an order's lock before answering 503 (default 5 s).</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Refund attempts before <c>RefundFailed</c> (default 3).</summary>
    public int RefundMaxAttempts { get; set; } = 3;

    /// <summary>Delay before the second refund attempt; doubles each time (default 2 s).</summary>
    public TimeSpan RefundRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long before the earliest pickup time asked for an order's pickups are dispatched (default 10 min).</summary>
    public TimeSpan PickupLead { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Delay before retrying work whose system could not be reached (default 5 s); the first delay of return logistics.</summary>
    public TimeSpan UnavailableRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Failed attempts in a row to arrange a return's logistics (warehouse announcement, pickup booking) before it is
    /// parked for ops (default 10: with the delays doubling from <see cref="UnavailableRetryDelay"/> to
    /// <see cref="PickupRetryMaxDelay"/>, about 20 minutes of failure — past the pickup slot, which is booked
    /// <see cref="PickupLead"/> ahead, so a person has to arrange it anyway).
    /// </summary>
    public int PickupBookingAttempts { get; set; } = 10;

    /// <summary>The longest delay between attempts to arrange a return's logistics (default 5 min).</summary>
    public TimeSpan PickupRetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long after its rejection an after-sale may be appealed (API.md <c>Activities:AppealWithin</c>, default 7 days).</summary>
    public TimeSpan AppealWithin { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long after it shipped an exchange's replacement or a repaired item counts as delivered when nobody confirmed
    /// it (API.md <c>Activities:DeliveryConfirmWithin</c>, default 7 days).
    /// </summary>
    public TimeSpan DeliveryConfirmWithin { get; set; } = TimeSpan.FromDays(7);
}
