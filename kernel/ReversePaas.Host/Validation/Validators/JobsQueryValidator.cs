using FluentValidation;
using ReversePaas.Host.Contracts;

namespace ReversePaas.Host.Validation.Validators;

/// <summary><c>GET /api/v1/ops/jobs</c>: how many deadlines to list.</summary>
internal sealed class JobsQueryValidator : RequestValidator<JobsQuery>
{
    public JobsQueryValidator()
        => RuleFor(q => q.Limit).Must(l => l is >= 1 and <= JobsQuery.MaxLimit).When(q => q.Limit is not null)
            .WithMessage($"Between 1 and {JobsQuery.MaxLimit}.");
}
