using ReversePaas.Sdk.Orders;

namespace ReversePaas.Sdk.Application;

/// <summary>A matched line of an application, with what earlier after-sales already claimed of it.</summary>
public sealed class ClaimedLine
{
    /// <summary>The matched split-data line.</summary>
    public required OrderLineView Line { get; init; }

    /// <summary>Units this application claims.</summary>
    public required int Quantity { get; init; }

    /// <summary>The partial amount asked for (price or weight difference), if any.</summary>
    public required decimal? RequestedAmount { get; init; }

    /// <summary>Grams the applicant says are missing (weight-difference refunds), if any. Since 1.1.</summary>
    public int? MissingWeightGrams { get; init; }

    /// <summary>Units of the line claimed by open or finished after-sales before this one.</summary>
    public required int AlreadyClaimedQuantity { get; init; }

    /// <summary>Money of the line claimed by open or finished after-sales before this one.</summary>
    public required decimal AlreadyClaimedAmount { get; init; }
}
