using FluentValidation;
using Microsoft.Extensions.Options;
using ReversePaas.Host.Contracts;

namespace ReversePaas.Host.Validation.Validators;

/// <summary><c>GET /api/v1/after-sales</c>: paging within bounds, and search text of bounded length.</summary>
internal sealed class AfterSaleListQueryValidator : RequestValidator<AfterSaleListQuery>
{
    public AfterSaleListQueryValidator(IOptions<FieldLimits> options)
    {
        RuleFor(q => q.Page).Must(p => p is >= 1 and <= AfterSaleListQuery.MaxPage).When(q => q.Page is not null)
            .WithMessage($"Between 1 and {AfterSaleListQuery.MaxPage}.");
        RuleFor(q => q.PageSize).Must(s => s is >= 1 and <= AfterSaleListQuery.MaxPageSize).When(q => q.PageSize is not null)
            .WithMessage($"Between 1 and {AfterSaleListQuery.MaxPageSize}.");
        RuleFor(q => q.Q).Text(options.Value.MaxSearchTextLength).When(q => q.Q is not null);
    }
}
