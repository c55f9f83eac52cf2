namespace ReversePaas.Kernel.AfterSales;

/// <summary>Where the inventory reservation of an exchange's replacement stands (null on the other types).</summary>
public enum ReplacementReservation
{
    /// <summary>Approved; the reservation is the next background step.</summary>
    Pending,

    /// <summary>The inventory holds the replacement for this after-sale.</summary>
    Reserved,

    /// <summary>The inventory refused (out of stock): at the receipt the returned units are refunded instead.</summary>
    OutOfStock,

    /// <summary>The after-sale ended without the replacement (withdrawn): the reservation was given back.</summary>
    Released,
}
