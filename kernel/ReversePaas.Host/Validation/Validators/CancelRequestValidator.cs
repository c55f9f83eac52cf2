using Microsoft.Extensions.Options;
using ReversePaas.Host.Contracts;

namespace ReversePaas.Host.Validation.Validators;

/// <summary><c>POST /api/v1/orders/{orderId}/cancel</c>: a reason, when given, is free text of bounded length.</summary>
internal sealed class CancelRequestValidator : RequestValidator<CancelRequest>
{
    public CancelRequestValidator(IOptions<FieldLimits> options)
        => RuleFor(c => c.Reason).Text(options.Value.MaxTextLength, freeText: true);

    // Nothing has to be sent: a cancellation without a body has no reason.
    public override CancelRequest WhenMissing => new(null);
}
