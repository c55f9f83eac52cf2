using ReversePaas.Persistence.Schema;

namespace ReversePaas.Persistence.Tests;

/// <summary>The history columns' upgrade on SQLite.</summary>
public sealed class SqliteHistoryColumnsUpgradeTests() : HistoryColumnsUpgradeTests(DatabaseEngine.Sqlite);
