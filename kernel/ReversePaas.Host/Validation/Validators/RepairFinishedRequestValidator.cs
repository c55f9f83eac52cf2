using Microsoft.Extensions.Options;
using ReversePaas.Host.Contracts;

namespace ReversePaas.Host.Validation.Validators;

/// <summary>
/// <c>POST /api/v1/after-sales/{id}/repair-finished</c>: an outcome when given (an unknown one is refused when the body
/// is read), and a note of bounded length.
/// </summary>
internal sealed class RepairFinishedRequestValidator : RequestValidator<RepairFinishedRequest>
{
    public RepairFinishedRequestValidator(IOptions<FieldLimits> options)
        => RuleFor(r => r.Note).Text(options.Value.MaxTextLength, freeText: true);

    // API.md: an empty body means Repaired.
    public override RepairFinishedRequest WhenMissing => new();
}
