using ReversePaas.Persistence.Schema;

namespace ReversePaas.Persistence.Tests;

/// <summary>Persistence on SQLite.</summary>
public sealed class SqlitePersistenceTests() : PersistenceTests(DatabaseEngine.Sqlite);
