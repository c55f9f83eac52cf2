using FluentValidation;
using ReversePaas.Host.Contracts;

namespace ReversePaas.Host.Validation.Validators;

/// <summary><c>POST /api/v1/after-sales/{id}/warehouse-receipt</c>: the lines received, each with a positive line number and quantity.</summary>
internal sealed class WarehouseReceiptRequestValidator : RequestValidator<WarehouseReceiptRequest>
{
    public WarehouseReceiptRequestValidator()
    {
        RuleFor(r => r.Lines).Present();
        RuleFor(r => r.Lines).Must(l => l!.Count > 0).When(r => r.Lines is not null).WithMessage("Name the lines received.");
        RuleForEach(r => r.Lines).NotNull().WithMessage("A line is required, not null.").ChildRules(line =>
        {
            line.RuleFor(l => l!.LineNo).Present();
            line.RuleFor(l => l!.LineNo).Must(n => n > 0).When(l => l!.LineNo is not null).WithMessage("Must be positive.");
            line.RuleFor(l => l!.Quantity).Present();
            line.RuleFor(l => l!.Quantity).Must(q => q > 0).When(l => l!.Quantity is not null).WithMessage("Must be positive.");
        });
    }

    public override WarehouseReceiptRequest WhenMissing => new(null);
}
