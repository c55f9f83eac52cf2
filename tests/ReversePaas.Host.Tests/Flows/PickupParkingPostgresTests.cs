namespace ReversePaas.Host.Tests.Flows;

/// <summary>Parked pickups on PostgreSQL.</summary>
public sealed class PickupParkingPostgresTests : PickupParkingTests
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
