using Microsoft.EntityFrameworkCore;

namespace ReversePaas.Persistence.Simulation;

/// <summary>The tables of the embedded simulators' journal (schema version 7).</summary>
public static class SimulatorJournalConfiguration
{
    /// <summary>Maps <see cref="SimulatorCallRecord"/>, <see cref="SimulatorOutcome"/> and <see cref="SimulatorAttempt"/>.</summary>
    public static void Apply(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SimulatorCallRecord>(call =>
        {
            call.ToTable("simulator_calls");
            call.HasKey(c => c.Id);
            call.Property(c => c.Id).ValueGeneratedOnAdd();
            call.Property(c => c.System).HasMaxLength(32);
            call.Property(c => c.Operation).HasMaxLength(32);
            call.Property(c => c.OrderId).HasMaxLength(64);
            call.Property(c => c.Outcome).HasMaxLength(16);
            // Key, reference and detail stay unbounded: a simulator must not refuse a caller's long key or line list.
            // GET /api/v1/simulators/calls filters by order and by system.
            call.HasIndex(c => c.OrderId);
            call.HasIndex(c => c.System);
        });
        modelBuilder.Entity<SimulatorOutcome>(outcome =>
        {
            outcome.ToTable("simulator_outcomes");
            outcome.HasKey(o => o.DoneKey);
        });
        modelBuilder.Entity<SimulatorAttempt>(attempt =>
        {
            attempt.ToTable("simulator_attempts");
            attempt.HasKey(a => a.DoneKey);
        });
    }
}
