using ReversePaas.Sdk;
using ReversePaas.Sdk.Application;

namespace ReversePaas.Extensions.DaojiaFresh;

/// <summary>
/// A fresh-goods quality claim (any refund or return that is not a weight difference) needs photos: the store
/// cannot take spoiled food back to check it. At least <see cref="MinPhotosSetting"/> (1) evidence URLs.
/// </summary>
[Extension("daojia-fresh.quality-photo-evidence", Identities = ["daojia.fresh"], Priority = 10, Description = "Quality claims need photo evidence.")]
public sealed class QualityClaimEvidenceRule : IApplicationInterceptor
{
    /// <summary>Setting: photos required for a quality claim.</summary>
    public const string MinPhotosSetting = "evidence.minPhotos";

    /// <inheritdoc />
    public ApplicationVerdict Inspect(ApplicationContext context)
    {
        var qualityClaim = context.Type is AfterSaleType.RefundOnly or AfterSaleType.ReturnRefund
            && context.Lines.Any(l => l.MissingWeightGrams is null);
        var required = context.Settings.GetInt32(MinPhotosSetting, 1);
        return !qualityClaim || context.Evidence.Count >= required
            ? ApplicationVerdict.Accept
            : ApplicationVerdict.Reject($"A quality claim on fresh goods needs at least {required} photo(s) in evidence; {context.Evidence.Count} given.");
    }
}
