using FluentValidation;
using ReversePaas.Host.Contracts;

namespace ReversePaas.Host.Validation.Validators;

/// <summary><c>POST /api/v1/ops/search/backfill</c>: batch size and batch count within bounds.</summary>
internal sealed class BackfillQueryValidator : RequestValidator<BackfillQuery>
{
    public BackfillQueryValidator()
    {
        RuleFor(q => q.BatchSize).Must(b => b is >= 1 and <= BackfillQuery.MaxBatchSize).When(q => q.BatchSize is not null)
            .WithMessage($"Between 1 and {BackfillQuery.MaxBatchSize}.");
        RuleFor(q => q.MaxBatches).Must(m => m >= 1).When(q => q.MaxBatches is not null).WithMessage("At least 1 when given.");
    }
}
