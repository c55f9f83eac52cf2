using FluentValidation;
using Microsoft.Extensions.Options;
using ReversePaas.Host.Contracts;

namespace ReversePaas.Host.Validation.Validators;

/// <summary><c>POST /api/v1/after-sales/{id}/hold</c>: a reason is required (it is what the decision is taken on), free text of bounded length.</summary>
internal sealed class HoldRequestValidator : RequestValidator<HoldRequest>
{
    public HoldRequestValidator(IOptions<FieldLimits> options)
    {
        RuleFor(r => r.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Required.");
        RuleFor(r => r.Reason).Text(options.Value.MaxTextLength, freeText: true);
    }

    // No body: reported as a missing reason, like an empty one.
    public override HoldRequest WhenMissing => new(null);
}
