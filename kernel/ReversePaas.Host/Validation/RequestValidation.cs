using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Options;
using ReversePaas.Kernel.Domain;

namespace ReversePaas.Host.Validation;

/// <summary>
/// Request validation, one way for every endpoint: each request record (body, or query and headers bound with
/// <c>[AsParameters]</c>) has a <see cref="RequestValidator{T}"/>, and a group's endpoint filter runs the validators of
/// the handler's parameters before it. Every wrong field is reported at once, by its JSON name as sent
/// (<c>lines[0].quantity</c>), as a 400 <c>validation</c> problem (<see cref="DomainValidationException"/>).
/// </summary>
internal static class RequestValidation
{
    public static IServiceCollection AddRequestValidation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FieldLimits>().Bind(configuration.GetSection(FieldLimits.Section));
        // Only the request validators: the validators of their parts (a line, a discount) are theirs, built by them.
        services.AddValidatorsFromAssemblyContaining<FieldLimits>(ServiceLifetime.Singleton, filter: IsRequestValidator, includeInternalTypes: true);

        // Errors name fields as clients send them (camelCase JSON), not as the records spell them.
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        return services;
    }

    public static bool IsRequestValidator(AssemblyScanner.AssemblyScanResult scanned)
        => scanned.ValidatorType.BaseType is { IsGenericType: true } parent && parent.GetGenericTypeDefinition() == typeof(RequestValidator<>);

    /// <summary>Runs the validators of the group's handlers' request records before the handlers.</summary>
    public static TBuilder WithRequestValidation<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
        => builder.AddEndpointFilterFactory(Filter);

    private static EndpointFilterDelegate Filter(EndpointFilterFactoryContext factory, EndpointFilterDelegate next)
    {
        var validated = factory.MethodInfo.GetParameters()
            .Select((parameter, index) => (Index: index, Validator: factory.ApplicationServices.GetService(typeof(IValidator<>).MakeGenericType(parameter.ParameterType)) as IValidator))
            .Where(p => p.Validator is not null)
            .Select(p => (p.Index, Validator: p.Validator!, Missing: WhenMissing(p.Validator!)))
            .ToArray();
        if (validated.Length == 0)
        {
            return next;
        }

        var limits = factory.ApplicationServices.GetRequiredService<IOptions<FieldLimits>>().Value;
        return async context =>
        {
            var failures = new List<ValidationFailure>();
            foreach (var (index, validator, missing) in validated)
            {
                var argument = context.Arguments[index] ?? missing;
                if (argument is null)
                {
                    failures.Add(new ValidationFailure("body", "A JSON body is required."));
                    continue;
                }

                var result = await validator.ValidateAsync(new ValidationContext<object>(argument), context.HttpContext.RequestAborted);
                failures.AddRange(result.Errors);
            }

            if (failures.Count > 0)
            {
                throw new DomainValidationException(Report(failures, limits.MaxReportedFields));
            }

            return await next(context);
        };
    }

    // Read once per endpoint, when its filter is built.
    private static object? WhenMissing(IValidator validator)
        => validator.GetType().GetProperty(nameof(RequestValidator<object>.WhenMissing))?.GetValue(validator);

    /// <summary>The failures by field, in the order found, at most <paramref name="maxFields"/> fields.</summary>
    private static Dictionary<string, string[]> Report(List<ValidationFailure> failures, int maxFields)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var truncated = false;
        foreach (var failure in failures)
        {
            if (!errors.TryGetValue(failure.PropertyName, out var messages))
            {
                if (errors.Count >= maxFields)
                {
                    truncated = true;
                    continue;
                }

                errors[failure.PropertyName] = messages = [];
            }

            messages.Add(failure.ErrorMessage);
        }

        var report = errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        if (truncated)
        {
            report["body"] = [.. report.GetValueOrDefault("body", []), $"More fields are wrong; the first {maxFields} are listed."];
        }

        return report;
    }
}
