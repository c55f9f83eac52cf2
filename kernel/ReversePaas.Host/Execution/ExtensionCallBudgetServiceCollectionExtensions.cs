using ReversePaas.Kernel.Extensions.Budget;

namespace ReversePaas.Host.Execution;

/// <summary>The extension call budget from configuration (API.md v1.1, "Extension call budget").</summary>
internal static class ExtensionCallBudgetServiceCollectionExtensions
{
    public static IServiceCollection AddExtensionCallBudget(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Extensions");
        var callTimeout = section.GetValue("CallTimeout", TimeSpan.FromSeconds(2));
        var breakAfter = section.GetValue("BreakAfterFailures", 5);
        var breakDuration = section.GetValue("BreakDuration", TimeSpan.FromSeconds(30));
        // A budget that cannot work stops the start with the key named, never a silently unbounded call.
        if (callTimeout <= TimeSpan.Zero || breakAfter < 1 || breakDuration <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"Extensions:CallTimeout ({callTimeout}) and Extensions:BreakDuration ({breakDuration}) must be positive and Extensions:BreakAfterFailures ({breakAfter}) at least 1.");
        }

        services.AddSingleton(sp => new ExtensionCallBudget(callTimeout, breakAfter, breakDuration, sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
