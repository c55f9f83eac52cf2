using ReversePaas.Persistence.Schema;

namespace ReversePaas.Persistence.Tests;

/// <summary>Persistence on PostgreSQL.</summary>
public sealed class PostgresPersistenceTests() : PersistenceTests(DatabaseEngine.PostgreSql);
