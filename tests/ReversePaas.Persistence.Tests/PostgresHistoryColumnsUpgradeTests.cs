using ReversePaas.Persistence.Schema;

namespace ReversePaas.Persistence.Tests;

/// <summary>The history columns' upgrade on PostgreSQL.</summary>
public sealed class PostgresHistoryColumnsUpgradeTests() : HistoryColumnsUpgradeTests(DatabaseEngine.PostgreSql);
