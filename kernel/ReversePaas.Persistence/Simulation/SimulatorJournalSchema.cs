using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ReversePaas.Persistence.Simulation;

/// <summary>
/// Creates the simulators' tables where they are missing. Run at start, under the schema migration's lock, only when a
/// simulator serves a port: a deployment on real adapters never gets them. A database migrated before the journal had
/// its own step (schema version 7 created the tables) keeps them, and the journal goes on using them.
/// </summary>
public static class SimulatorJournalSchema
{
    /// <summary>
    /// Runs the journal's script through <paramref name="database"/>: the migration's own connection at start, which holds
    /// the migration lock (a second connection could wait for ever on a pool of one).
    /// </summary>
    public static void EnsureCreated(DatabaseFacade database)
    {
        var engine = database.IsNpgsql() ? "postgresql" : "sqlite";
        var name = $"{typeof(SimulatorJournalSchema).Namespace}.Scripts.simulator_journal.{engine}.sql";
        using var stream = typeof(SimulatorJournalSchema).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded script '{name}' is missing.");
        using var reader = new StreamReader(stream);
        database.ExecuteSqlRaw(reader.ReadToEnd());
    }
}
