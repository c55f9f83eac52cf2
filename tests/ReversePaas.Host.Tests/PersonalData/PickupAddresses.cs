using ReversePaas.Host.Contracts;

namespace ReversePaas.Host.Tests.PersonalData;

/// <summary>
/// Distinctive pickup addresses: strings no other data of the suite contains, so finding one anywhere in a database file
/// or log means the plain text leaked. <see cref="Needles"/> are what a leak would show, whole or in part.
/// </summary>
internal static class PickupAddresses
{
    public const string Phone = "13912345678";
    public const string Name = "Quillon Vexmarrow";
    public const string Address = "88 Obsidianweg, Flat 7, Karthaven";

    /// <summary>As a merchant (and risk control, and the broker) reads it (docs/api.md).</summary>
    public static readonly PickupAddressResponse Masked = new("Q****************", "139****5678", "88 Obs***");

    public static readonly PickupAddressResponse Plain = new(Name, Phone, Address);

    /// <summary>The phone, its middle digits (in case it was reformatted), the name's and the address's distinctive words.</summary>
    public static readonly string[] Needles = [Phone, "912345", Name, "Vexmarrow", Address, "Obsidianweg", "Karthaven"];

    public static object Body(string phone = Phone, string name = Name, string address = Address) => new { name, phone, address };
}
