using ReversePaas.Persistence.Schema;

namespace ReversePaas.Persistence.Tests;

/// <summary>The move out of Quartz's job store on SQLite.</summary>
public sealed class SqliteQuartzDeadlinesUpgradeTests() : QuartzDeadlinesUpgradeTests(DatabaseEngine.Sqlite);
