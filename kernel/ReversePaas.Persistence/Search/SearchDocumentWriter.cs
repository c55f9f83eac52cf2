using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ReversePaas.Persistence.Search;

/// <summary>
/// Writes search documents with one upsert statement (same SQL on SQLite and PostgreSQL), never read-then-insert:
/// several hosts project the same after-sale at once, and of two that both found no document one would fail on the
/// primary key. The version guard keeps a newer document: a writer that loaded an older state of the after-sale (its
/// message was delivered late, or it lost the race) changes nothing.
/// </summary>
public static class SearchDocumentWriter
{
    // ">=" rather than ">": the same version written again (a redelivery, a back-fill after the projection changed)
    // refreshes the document with what is, for that version, the same or a better projection.
    private const string UpsertSql =
        """
        INSERT INTO "after_sale_search" ("after_sale_id", "order_id", "user_id", "vender_id", "status", "type", "text", "version", "created_at", "indexed_at")
        VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9})
        ON CONFLICT ("after_sale_id") DO UPDATE SET
            "order_id" = excluded."order_id", "user_id" = excluded."user_id", "vender_id" = excluded."vender_id",
            "status" = excluded."status", "type" = excluded."type", "text" = excluded."text", "version" = excluded."version",
            "created_at" = excluded."created_at", "indexed_at" = excluded."indexed_at"
        WHERE excluded."version" >= "after_sale_search"."version"
        """;

    // The same statement with PostgreSQL's positional parameters, for a batch sent without EF.
    private static readonly string PositionalUpsertSql = Enumerable.Range(0, 10).Aggregate(UpsertSql, (sql, i) => sql.Replace($"{{{i}}}", $"${i + 1}", StringComparison.Ordinal));

    /// <summary>
    /// Inserts <paramref name="document"/> or overwrites the stored one unless that was built from a newer version of
    /// the after-sale; returns whether a row was written. Runs at once, in the caller's transaction if it has one.
    /// </summary>
    public static async Task<bool> UpsertAsync(ReverseDbContext db, AfterSaleSearchDocument document, CancellationToken cancellationToken)
        => await db.Database.ExecuteSqlRawAsync(UpsertSql, Values(db, document), cancellationToken) > 0;

    /// <summary>
    /// <see cref="UpsertAsync"/> for several documents (of different after-sales), on PostgreSQL in one round trip: one
    /// batch of the same prepared statement, which the server runs as one transaction unless the caller has one. On SQLite,
    /// which has no round trips to save, one statement after the other.
    /// </summary>
    public static async Task UpsertAllAsync(ReverseDbContext db, IReadOnlyList<AfterSaleSearchDocument> documents, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql() || documents.Count < 2)
        {
            foreach (var document in documents)
            {
                await UpsertAsync(db, document, cancellationToken);
            }

            return;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection())
            {
                Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
            };
            // In one order on every host: the batch holds each row's lock to its end, and two hosts' batches taking two
            // documents in opposite orders would deadlock.
            foreach (var document in documents.OrderBy(d => d.AfterSaleId, StringComparer.Ordinal))
            {
                var command = new NpgsqlBatchCommand(PositionalUpsertSql);
                foreach (var value in Values(db, document))
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = value });
                }

                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static object[] Values(ReverseDbContext db, AfterSaleSearchDocument document) =>
    [
        document.AfterSaleId, document.OrderId, document.UserId, document.VenderId, document.Status, document.Type, document.Text, document.Version,
        ProviderValue(db, nameof(AfterSaleSearchDocument.CreatedAt), document.CreatedAt),
        ProviderValue(db, nameof(AfterSaleSearchDocument.IndexedAt), document.IndexedAt),
    ];

    // Raw SQL parameters bypass the model's conversions: store times exactly as the model maps them on this engine
    // (UTC milliseconds on SQLite, timestamp with time zone on PostgreSQL).
    private static object ProviderValue(ReverseDbContext db, string property, DateTimeOffset value)
    {
        var converter = db.Model.FindEntityType(typeof(AfterSaleSearchDocument))!.FindProperty(property)!.GetTypeMapping().Converter;
        return converter?.ConvertToProvider(value) ?? value.ToUniversalTime();
    }
}
