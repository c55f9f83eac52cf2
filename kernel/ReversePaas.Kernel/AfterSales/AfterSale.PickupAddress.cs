namespace ReversePaas.Kernel.AfterSales;

// The applicant's pickup address (API.md v1.1, "Personal data"). The kernel only carries it: it is sealed by the host
// (ASP.NET Core Data Protection) before it reaches the kernel and opened by the host when it answers, so neither the
// domain nor the database ever holds the plain name, phone or address.
public sealed partial class AfterSale
{
    /// <summary>
    /// The pickup address as the host protected it (opaque ciphertext, null when none was given). Never the plain text:
    /// whoever shows it must unprotect it and mask it for the reader.
    /// </summary>
    public string? ProtectedPickupAddress { get; private set; }

    /// <summary>Keeps the application's protected pickup address (only when it is opened).</summary>
    internal void KeepProtectedPickupAddress(string? protectedAddress) => ProtectedPickupAddress = protectedAddress;
}
