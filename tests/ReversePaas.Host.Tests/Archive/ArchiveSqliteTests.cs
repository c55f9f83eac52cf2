namespace ReversePaas.Host.Tests.Archive;

/// <summary>Cold and hot data on SQLite (the archive an attached file beside the database).</summary>
public sealed class ArchiveSqliteTests : ArchiveTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
