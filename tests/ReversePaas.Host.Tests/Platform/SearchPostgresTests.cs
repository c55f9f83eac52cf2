namespace ReversePaas.Host.Tests.Platform;

/// <summary>Search on PostgreSQL (pg_trgm: substring matches and word similarity).</summary>
public sealed class SearchPostgresTests : SearchTests
{
    protected override bool Fuzzy => true;

    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
