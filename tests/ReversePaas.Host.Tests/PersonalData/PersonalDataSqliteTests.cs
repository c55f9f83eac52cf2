namespace ReversePaas.Host.Tests.PersonalData;

/// <summary>The pickup address on SQLite.</summary>
public sealed class PersonalDataSqliteTests : PersonalDataTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
