using FluentValidation;
using Microsoft.Extensions.Options;
using ReversePaas.Host.Contracts;
using ReversePaas.Kernel.Orders;

namespace ReversePaas.Host.Validation.Validators;

/// <summary><c>POST /api/v1/orders</c>: the order center's snapshot of a forward order.</summary>
internal sealed class OrderRequestValidator : RequestValidator<OrderRequest>
{
    public OrderRequestValidator(IOptions<FieldLimits> options)
    {
        var limits = options.Value;
        RuleFor(o => o.Lines).Present();
        // The kernel refuses this too; saying so once spares checking (and reporting) every line.
        RuleFor(o => o.Lines).Must(l => l!.Count <= OrderLimits.MaxLines).When(o => o.Lines is not null)
            .WithMessage($"At most {OrderLimits.MaxLines} lines.");
        RuleFor(o => o.OrderId).Identifier(limits);
        RuleFor(o => o.UserId).Identifier(limits);
        RuleFor(o => o.VenderId).Identifier(limits);
        RuleFor(o => o.VenderType).Identifier(limits);
        RuleFor(o => o.OrderType).Identifier(limits);
        RuleFor(o => o.Channel).Identifier(limits);
        RuleFor(o => o.Status).Present();
        RuleFor(o => o.Currency).Must(c => c!.Length == 3 && c.All(char.IsAsciiLetterUpper)).When(o => o.Currency is not null)
            .WithMessage("An ISO 4217 code such as CNY.");
        RuleFor(o => o.CompletedAt).TimeInRange();
        RuleFor(o => o.Attributes).Must(a => a!.Count <= limits.MaxAttributes).When(o => o.Attributes is not null)
            .WithMessage($"At most {limits.MaxAttributes} attributes.");
        RuleFor(o => o.Attributes).Custom((attributes, context) =>
        {
            foreach (var (key, value) in attributes ?? [])
            {
                if (key.Length == 0 || key.Length > limits.MaxIdLength || value is null || value.Length > limits.MaxAttributeValueLength
                    || key.Any(c => char.IsControl(c) || FieldChecks.IsFormat(c)) || value.Any(char.IsControl))
                {
                    context.AddFailure($"attributes.{Printable(key, limits.MaxIdLength)}",
                        $"Keys are 1–{limits.MaxIdLength} visible characters; values are text of at most {limits.MaxAttributeValueLength} characters, without control characters.");
                }
            }
        });
        RuleForEach(o => o.Lines).NotNull().WithMessage("A line is required, not null.")
            .SetValidator(new OrderLineRequestValidator(limits)!)
            .When(o => o.Lines is { Count: <= OrderLimits.MaxLines });
        RuleForEach(o => o.Discounts).NotNull().WithMessage("A discount is required, not null.")
            .SetValidator(new DiscountRequestValidator(limits)!);
    }

    // The key names the field in `errors`: cut to the id length and with invisible characters spelled out, so the
    // answer neither echoes a 100 kB key nor hides what was wrong with it.
    private static string Printable(string key, int maxLength)
        => key.Length > maxLength ? key[..maxLength] + "…" : string.Concat(key.Select(c => char.IsControl(c) || FieldChecks.IsFormat(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    private sealed class OrderLineRequestValidator : AbstractValidator<OrderLineRequest>
    {
        public OrderLineRequestValidator(FieldLimits limits)
        {
            RuleFor(l => l.LineNo).Present();
            RuleFor(l => l.SkuId).Identifier(limits);
            RuleFor(l => l.SkuName).Text(limits.MaxNameLength);
            RuleFor(l => l.Quantity).Present();
            RuleFor(l => l.UnitPrice).Present();
            RuleFor(l => l.PromotionType).Text(limits.MaxIdLength);
        }
    }

    private sealed class DiscountRequestValidator : AbstractValidator<DiscountRequest>
    {
        public DiscountRequestValidator(FieldLimits limits)
        {
            RuleFor(d => d.Code).Identifier(limits);
            RuleFor(d => d.Kind).Identifier(limits);
            RuleFor(d => d.Amount).Present();
        }
    }
}
