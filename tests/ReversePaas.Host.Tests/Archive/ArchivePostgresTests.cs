namespace ReversePaas.Host.Tests.Archive;

/// <summary>Cold and hot data on PostgreSQL (the archive a schema of the database).</summary>
public sealed class ArchivePostgresTests : ArchiveTests
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
