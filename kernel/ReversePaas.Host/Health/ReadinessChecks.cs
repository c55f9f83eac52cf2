using System.Reflection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ReversePaas.Host.Health;

/// <summary>The host's <c>/readyz</c> checks, found by scanning for <see cref="ReadinessCheckAttribute"/>.</summary>
internal static class ReadinessChecks
{
    /// <summary>The tag of the checks <c>/readyz</c> runs.</summary>
    public const string Tag = "ready";

    /// <summary>Registers every marked check of this assembly as a transient service and as a <c>/readyz</c> check.</summary>
    public static IHealthChecksBuilder AddReadinessChecks(this IHealthChecksBuilder builder)
    {
        builder.Services.Scan(scan => scan
            .FromAssemblyOf<ReadinessCheckAttribute>()
            .AddClasses(classes => classes.AssignableTo<IHealthCheck>().WithAttribute<ReadinessCheckAttribute>(), publicOnly: false)
            .AsSelf()
            .WithTransientLifetime());
        var marked = typeof(ReadinessCheckAttribute).Assembly.GetTypes()
            .Select(type => (Type: type, Check: type.GetCustomAttribute<ReadinessCheckAttribute>()))
            .Where(t => t.Check is not null && typeof(IHealthCheck).IsAssignableFrom(t.Type))
            .OrderBy(t => t.Check!.Order);
        foreach (var (type, check) in marked)
        {
            builder.Add(new HealthCheckRegistration(check!.Name, sp => (IHealthCheck)sp.GetRequiredService(type), failureStatus: null, tags: [Tag]));
        }

        return builder;
    }
}
