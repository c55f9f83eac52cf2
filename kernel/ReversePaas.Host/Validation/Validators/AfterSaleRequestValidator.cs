using FluentValidation;
using Microsoft.Extensions.Options;
using ReversePaas.Host.Contracts;
using ReversePaas.Kernel.Domain;
using ReversePaas.Kernel.Orders;

namespace ReversePaas.Host.Validation.Validators;

/// <summary><c>POST /api/v1/after-sales</c>: an application for a refund, return, exchange or repair.</summary>
internal sealed class AfterSaleRequestValidator : RequestValidator<AfterSaleRequest>
{
    public AfterSaleRequestValidator(IOptions<FieldLimits> options)
    {
        var limits = options.Value;
        RuleFor(a => a.Evidence)
            .Must(e => e!.Count <= limits.MaxEvidence && e.All(url => !string.IsNullOrWhiteSpace(url) && url.Length <= limits.MaxEvidenceLength && !url.Any(char.IsControl)))
            .When(a => a.Evidence is not null)
            .WithMessage($"At most {limits.MaxEvidence} non-empty URLs of at most {limits.MaxEvidenceLength} characters, without control characters.");
        RuleFor(a => a.OrderId).Identifier(limits);
        RuleFor(a => a.Type).Present();
        RuleFor(a => a.Reason).Text(limits.MaxTextLength, freeText: true);
        RuleFor(a => a.Lines).Present();
        RuleFor(a => a.Lines).Must(l => l!.Count > 0 && l.Count <= limits.MaxApplicationLines).When(a => a.Lines is not null)
            .WithMessage($"Name between 1 and {limits.MaxApplicationLines} lines.");
        RuleForEach(a => a.Lines).NotNull().WithMessage("A line is required, not null.")
            .SetValidator(new LineValidator(limits)!)
            .When(a => a.Lines is not null && a.Lines.Count <= limits.MaxApplicationLines);
        RuleFor(a => a.PickupAt).TimeInRange();
        RuleFor(a => a.PickupAddress).SetValidator(new PickupAddressValidator(limits)!).When(a => a.PickupAddress is not null);
    }

    /// <summary>
    /// The pickup address: all three fields, printable, within their limits; the phone of digits and separators with
    /// enough digits for its masked form (first 3 and last 4) to hide some. Messages never repeat the values (personal data).
    /// </summary>
    private sealed class PickupAddressValidator : AbstractValidator<PickupAddressRequest>
    {
        /// <summary>Fewer digits could not be masked: the first 3 and last 4 would show the whole number.</summary>
        public const int MinPhoneDigits = 8;

        /// <summary>The longest international number (E.164) has 15 digits; with a trunk or exit prefix a few more.</summary>
        public const int MaxPhoneDigits = 20;

        public PickupAddressValidator(FieldLimits limits)
        {
            RuleFor(p => p.Name).RequiredText(limits.MaxPickupNameLength);
            RuleFor(p => p.Phone).RequiredText(limits.MaxPickupPhoneLength);
            RuleFor(p => p.Phone)
                .Must(p => p!.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ') && p!.Count(char.IsAsciiDigit) is >= MinPhoneDigits and <= MaxPhoneDigits)
                .When(p => !string.IsNullOrWhiteSpace(p.Phone) && p.Phone.Length <= limits.MaxPickupPhoneLength)
                .WithMessage($"Digits, '+', '-' and spaces only, with {MinPhoneDigits} to {MaxPhoneDigits} digits.");
            RuleFor(p => p.Address).RequiredText(limits.MaxPickupAddressLength);
        }
    }

    private sealed class LineValidator : AbstractValidator<AfterSaleLineRequest>
    {
        public LineValidator(FieldLimits limits)
        {
            RuleFor(l => l.SkuId).Identifier(limits);
            RuleFor(l => l.ReplacementSkuId).Identifier(limits).When(l => l.ReplacementSkuId is not null);
            RuleFor(l => l.PromotionType).Text(limits.MaxIdLength);
            RuleFor(l => l.Quantity).Present();
            RuleFor(l => l.Quantity).Must(q => q is > 0 and <= OrderLimits.MaxQuantity).When(l => l.Quantity is not null)
                .WithMessage($"Must be between 1 and {OrderLimits.MaxQuantity}.");
            RuleFor(l => l.RefundAmount).Must(a => a > 0 && Money.IsValidAmount(a!.Value)).When(l => l.RefundAmount is not null)
                .WithMessage("Must be an amount > 0 with at most 2 decimals.");
            RuleFor(l => l.MissingWeightGrams).Must(g => g is > 0 and <= 10_000_000).When(l => l.MissingWeightGrams is not null)
                .WithMessage("Must be a positive number of grams when given.");
            RuleFor(l => l.UnitPrice).Must(p => Money.IsValidAmount(p!.Value)).When(l => l.UnitPrice is not null)
                .WithMessage("Must be an amount ≥ 0 with at most 2 decimals.");
        }
    }
}
