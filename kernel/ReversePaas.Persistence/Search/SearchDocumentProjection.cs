using ReversePaas.Kernel.AfterSales;

namespace ReversePaas.Persistence.Search;

/// <summary>How an after-sale becomes its search document: one projection for the outbox consumer and the back-fill.</summary>
public static class SearchDocumentProjection
{
    /// <summary>Overwrites <paramref name="document"/> with <paramref name="sale"/>'s current state.</summary>
    public static void Apply(AfterSaleSearchDocument document, AfterSale sale, DateTimeOffset indexedAt)
    {
        document.AfterSaleId = sale.AfterSaleId;
        document.OrderId = sale.OrderId;
        document.UserId = sale.UserId;
        document.VenderId = sale.VenderId;
        document.Status = sale.Status.ToString();
        document.Type = sale.Type.ToString();
        document.Version = sale.Version;
        document.CreatedAt = sale.CreatedAt;
        document.IndexedAt = indexedAt;
        var text = string.Join(' ', new[] { sale.AfterSaleId, sale.OrderId, sale.Reason }.Concat(sale.Lines.SelectMany(l => new[] { l.SkuId, l.SkuName })));
        document.Text = (text.Length > 8000 ? text[..8000] : text).ToLowerInvariant();
    }
}
