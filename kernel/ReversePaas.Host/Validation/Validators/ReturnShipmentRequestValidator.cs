using Microsoft.Extensions.Options;
using ReversePaas.Host.Contracts;

namespace ReversePaas.Host.Validation.Validators;

/// <summary><c>POST /api/v1/after-sales/{id}/return-shipment</c>: the carrier and the tracking number.</summary>
internal sealed class ReturnShipmentRequestValidator : RequestValidator<ReturnShipmentRequest>
{
    public ReturnShipmentRequestValidator(IOptions<FieldLimits> options)
    {
        RuleFor(r => r.Carrier).Identifier(options.Value);
        RuleFor(r => r.TrackingNo).Identifier(options.Value);
    }

    public override ReturnShipmentRequest WhenMissing => new(null, null);
}
