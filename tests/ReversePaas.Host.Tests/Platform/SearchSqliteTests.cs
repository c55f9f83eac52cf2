namespace ReversePaas.Host.Tests.Platform;

/// <summary>Search on SQLite (FTS5 trigram: substring matches).</summary>
public sealed class SearchSqliteTests : SearchTests
{
    protected override bool Fuzzy => false;

    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
