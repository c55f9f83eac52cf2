using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Host.Validation;

namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// Every request validator of the host is registered and can be built, and nothing else is: the validators of a
/// request's parts are built by their request's validator (Development validates every registration at start, so one
/// that cannot be built stops the host there).
/// </summary>
public sealed class RequestValidatorRegistrationTests
{
    [Fact]
    public async Task Each_request_validator_is_registered_and_built_and_no_part_validator_is()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var validators = typeof(FieldLimits).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)))
            .ToList();

        validators.Should().HaveCountGreaterThan(8);
        foreach (var validator in validators)
        {
            var contract = validator.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>));
            var registered = host.Services.GetServices(contract).ToList();
            if (validator.IsNested)
            {
                registered.Should().BeEmpty($"{validator.Name} belongs to {validator.DeclaringType!.Name}, which builds it");
            }
            else
            {
                registered.Should().ContainSingle().Which.Should().BeOfType(validator);
            }
        }
    }
}
