using Microsoft.Extensions.Options;
using ReversePaas.Host.Contracts;

namespace ReversePaas.Host.Validation.Validators;

/// <summary><c>POST /api/v1/after-sales/{id}/review</c>: a decision, and a comment when wanted.</summary>
internal sealed class ReviewRequestValidator : RequestValidator<ReviewRequest>
{
    public ReviewRequestValidator(IOptions<FieldLimits> options)
    {
        RuleFor(r => r.Decision).Present();
        RuleFor(r => r.Comment).Text(options.Value.MaxTextLength, freeText: true);
    }

    // Without a body the decision is what is missing; saying so names the field to send.
    public override ReviewRequest WhenMissing => new(null, null);
}
