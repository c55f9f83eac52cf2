using Microsoft.EntityFrameworkCore;

namespace ReversePaas.Persistence.Search;

/// <summary>
/// Writes search documents with one upsert statement (same SQL on SQLite and PostgreSQL), never read-then-insert:
/// several hosts project the same after-sale at once, and of two that both found no document one would fail on the
/// primary key. The version guard keeps a newer document: a writer that loaded an older state of the after-sale (its
/// message was delivered late, or it lost the race) changes nothing.
/// </summary>
public static class SearchDocumentWriter
{
    /// <summary>
    /// Inserts <paramref name="document"/> or overwrites the stored one unless that was built from a newer version of
    /// the after-sale; returns whether a row was written. Runs at once, in the caller's transaction if it has one.
    /// </summary>
    public static async Task<bool> UpsertAsync(ReverseDbContext db, AfterSaleSearchDocument document, CancellationToken cancellationToken)
    {
        var createdAt = ProviderValue(db, nameof(AfterSaleSearchDocument.CreatedAt), document.CreatedAt);
        var indexedAt = ProviderValue(db, nameof(AfterSaleSearchDocument.IndexedAt), document.IndexedAt);
        // ">=" rather than ">": the same version written again (a redelivery, a back-fill after the projection changed)
        // refreshes the document with what is, for that version, the same or a better projection.
        var written = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "after_sale_search" ("after_sale_id", "order_id", "user_id", "vender_id", "status", "type", "text", "version", "created_at", "indexed_at")
            VALUES ({document.AfterSaleId}, {document.OrderId}, {document.UserId}, {document.VenderId}, {document.Status}, {document.Type}, {document.Text}, {document.Version}, {createdAt}, {indexedAt})
            ON CONFLICT ("after_sale_id") DO UPDATE SET
                "order_id" = excluded."order_id", "user_id" = excluded."user_id", "vender_id" = excluded."vender_id",
                "status" = excluded."status", "type" = excluded."type", "text" = excluded."text", "version" = excluded."version",
                "created_at" = excluded."created_at", "indexed_at" = excluded."indexed_at"
            WHERE excluded."version" >= "after_sale_search"."version"
            """,
            cancellationToken);
        return written > 0;
    }

    // Raw SQL parameters bypass the model's conversions: store times exactly as the model maps them on this engine
    // (UTC milliseconds on SQLite, timestamp with time zone on PostgreSQL).
    private static object ProviderValue(ReverseDbContext db, string property, DateTimeOffset value)
    {
        var converter = db.Model.FindEntityType(typeof(AfterSaleSearchDocument))!.FindProperty(property)!.GetTypeMapping().Converter;
        return converter?.ConvertToProvider(value) ?? value.ToUniversalTime();
    }
}
