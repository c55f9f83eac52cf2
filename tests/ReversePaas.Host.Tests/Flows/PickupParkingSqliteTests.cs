namespace ReversePaas.Host.Tests.Flows;

/// <summary>Parked pickups on SQLite.</summary>
public sealed class PickupParkingSqliteTests : PickupParkingTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
