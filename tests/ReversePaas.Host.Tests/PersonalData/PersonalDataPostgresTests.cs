namespace ReversePaas.Host.Tests.PersonalData;

/// <summary>The pickup address on PostgreSQL.</summary>
public sealed class PersonalDataPostgresTests : PersonalDataTests
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
