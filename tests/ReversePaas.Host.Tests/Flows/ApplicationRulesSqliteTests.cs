namespace ReversePaas.Host.Tests.Flows;

/// <summary>Application rules on SQLite.</summary>
public sealed class ApplicationRulesSqliteTests : ApplicationRulesTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
