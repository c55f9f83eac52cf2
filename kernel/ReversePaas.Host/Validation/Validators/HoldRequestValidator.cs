using Microsoft.Extensions.Options;
using ReversePaas.Host.Contracts;

namespace ReversePaas.Host.Validation.Validators;

/// <summary><c>POST /api/v1/after-sales/{id}/hold</c>: a required reason (<see cref="FieldRules.RequiredReason{T}"/>).</summary>
internal sealed class HoldRequestValidator : RequestValidator<HoldRequest>
{
    public HoldRequestValidator(IOptions<FieldLimits> options)
    {
        RuleFor(r => r.Reason).RequiredReason(options.Value);
    }

    // No body: reported as a missing reason, like an empty one.
    public override HoldRequest WhenMissing => new(null);
}
