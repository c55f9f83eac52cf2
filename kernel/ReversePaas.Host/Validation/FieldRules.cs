using FluentValidation;

namespace ReversePaas.Host.Validation;

/// <summary>The shared checks (<see cref="FieldChecks"/>) as FluentValidation rules, so each validator reads as a list of fields.</summary>
internal static class FieldRules
{
    public static IRuleBuilderOptionsConditions<T, string?> Identifier<T>(this IRuleBuilder<T, string?> rule, FieldLimits limits)
        => rule.Custom((value, context) => Report(context, FieldChecks.Identifier(value, limits.MaxIdLength)));

    /// <summary>A required text of at most <paramref name="maxLength"/>, without control or invisible formatting characters (as an identifier).</summary>
    public static IRuleBuilderOptionsConditions<T, string?> RequiredText<T>(this IRuleBuilder<T, string?> rule, int maxLength)
        => rule.Custom((value, context) => Report(context, FieldChecks.Identifier(value, maxLength)));

    public static IRuleBuilderOptionsConditions<T, string?> Text<T>(this IRuleBuilder<T, string?> rule, int maxLength, bool freeText = false)
        => rule.Custom((value, context) => Report(context, FieldChecks.Text(value, maxLength, freeText)));

    /// <summary>A reason a decision is taken on (an appeal, a risk hold): required, free text of bounded length.</summary>
    public static IRuleBuilderOptionsConditions<T, string?> RequiredReason<T>(this IRuleBuilder<T, string?> rule, FieldLimits limits)
        => rule.Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Required.").Text(limits.MaxTextLength, freeText: true);

    public static IRuleBuilderOptionsConditions<T, DateTimeOffset?> TimeInRange<T>(this IRuleBuilder<T, DateTimeOffset?> rule)
        => rule.Custom((value, context) => Report(context, FieldChecks.Time(value)));

    public static IRuleBuilderOptions<T, TValue> Present<T, TValue>(this IRuleBuilder<T, TValue> rule)
        => rule.NotNull().WithMessage("Required.");

    private static void Report<T>(ValidationContext<T> context, string? wrong)
    {
        if (wrong is not null)
        {
            context.AddFailure(wrong);
        }
    }
}
