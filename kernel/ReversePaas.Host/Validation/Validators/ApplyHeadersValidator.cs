using FluentValidation;
using Microsoft.Extensions.Options;
using ReversePaas.Host.Contracts;

namespace ReversePaas.Host.Validation.Validators;

/// <summary>The headers of <c>POST /api/v1/after-sales</c>: an <c>Idempotency-Key</c>, when sent, is 1–128 characters.</summary>
internal sealed class ApplyHeadersValidator : RequestValidator<ApplyHeaders>
{
    public ApplyHeadersValidator(IOptions<FieldLimits> options)
    {
        var max = options.Value.MaxIdempotencyKeyLength;
        RuleFor(h => h.IdempotencyKey).Must(k => k!.Length > 0 && k.Length <= max).When(h => h.IdempotencyKey is not null)
            .WithMessage($"1–{max} characters when sent.").OverridePropertyName(ApplyHeaders.IdempotencyKeyHeader);
    }
}
