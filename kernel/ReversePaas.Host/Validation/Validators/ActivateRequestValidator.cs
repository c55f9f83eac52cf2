using Microsoft.Extensions.Options;
using ReversePaas.Host.Contracts;

namespace ReversePaas.Host.Validation.Validators;

/// <summary><c>POST /api/v1/plugins/{id}/activate</c>: which stored version.</summary>
internal sealed class ActivateRequestValidator : RequestValidator<ActivateRequest>
{
    public ActivateRequestValidator(IOptions<FieldLimits> options)
        => RuleFor(r => r.Version).Present().Identifier(options.Value);

    public override ActivateRequest WhenMissing => new(null);
}
