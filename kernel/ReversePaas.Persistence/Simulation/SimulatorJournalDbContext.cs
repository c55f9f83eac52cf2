using Microsoft.EntityFrameworkCore;

namespace ReversePaas.Persistence.Simulation;

/// <summary>
/// The embedded simulators' memory, apart from the product's data: its own context and its own tables
/// (<c>simulator_calls</c>, <c>simulator_outcomes</c>, <c>simulator_attempts</c>), created by
/// <see cref="SimulatorJournalSchema"/> only when a simulator serves a port, never by the product's schema scripts.
/// </summary>
public sealed class SimulatorJournalDbContext(DbContextOptions<SimulatorJournalDbContext> options) : DbContext(options)
{
    /// <summary>Every call a simulator answered.</summary>
    public DbSet<SimulatorCallRecord> SimulatorCalls => Set<SimulatorCallRecord>();

    /// <summary>The first successful answer per idempotency key.</summary>
    public DbSet<SimulatorOutcome> SimulatorOutcomes => Set<SimulatorOutcome>();

    /// <summary>Attempts per key, for refusals of the first N attempts.</summary>
    public DbSet<SimulatorAttempt> SimulatorAttempts => Set<SimulatorAttempt>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
        => ReverseConventions.Apply(configurationBuilder, Database);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        SimulatorJournalConfiguration.Apply(modelBuilder);
        ReverseConventions.NameColumnsInSnakeCase(modelBuilder);
    }
}
