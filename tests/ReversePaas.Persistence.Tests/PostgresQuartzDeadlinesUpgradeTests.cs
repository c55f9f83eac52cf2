using ReversePaas.Persistence.Schema;

namespace ReversePaas.Persistence.Tests;

/// <summary>The move out of Quartz's job store on PostgreSQL.</summary>
public sealed class PostgresQuartzDeadlinesUpgradeTests() : QuartzDeadlinesUpgradeTests(DatabaseEngine.PostgreSql);
