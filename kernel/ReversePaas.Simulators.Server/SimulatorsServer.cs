using Microsoft.EntityFrameworkCore;
using ReversePaas.Host.Simulators;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Simulation;

namespace ReversePaas.Simulators.Server;

/// <summary>
/// The five simulated external systems behind the routes of docs/adapters.md. The answers are the embedded simulators'
/// (the same classes, the same journal, the same <c>Simulators:&lt;System&gt;:*</c> fault switches) plus
/// <c>Simulators:&lt;System&gt;:Delay</c>, a pause before each answer to drill slow systems. The journal is a SQLite file
/// (<c>ConnectionStrings:Simulators</c>; a PostgreSQL connection string also works), so what was paid survives a restart.
/// </summary>
public static class SimulatorsServer
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var connectionString = builder.Configuration.GetConnectionString("Simulators") is { Length: > 0 } configured
            ? configured
            : $"Data Source={Path.Combine(builder.Environment.ContentRootPath, "simulators.db")}";
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        builder.Services.AddDbContextPool<SimulatorJournalDbContext>(o => o.UseReverseDatabase(connectionString));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SimulatorJournal>();
        builder.Services.Configure<SimulatorOptions>(builder.Configuration.GetSection("Simulators"));
        builder.Services.AddSingleton<PaymentSimulator>();
        builder.Services.AddSingleton<WarehouseSimulator>();
        builder.Services.AddSingleton<LogisticsSimulator>();
        builder.Services.AddSingleton<InventorySimulator>();
        builder.Services.AddSingleton<SettlementSimulator>();
        configure?.Invoke(builder);

        var app = builder.Build();
        using (var scope = app.Services.CreateScope())
        {
            SimulatorJournalSchema.EnsureCreated(scope.ServiceProvider.GetRequiredService<SimulatorJournalDbContext>().Database);
        }

        // A body it cannot read (400) or a fault of its own (500) is answered as problem details too, never an empty page.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapSimulatorRoutes();
        return app;
    }
}
