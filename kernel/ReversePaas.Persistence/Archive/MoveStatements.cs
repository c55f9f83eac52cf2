using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using ReversePaas.Kernel.AfterSales;

namespace ReversePaas.Persistence.Archive;

/// <summary>
/// The statements of one move, with <c>@ids</c> standing for the batch. The copies name their columns from the EF model
/// (every column the hot rows have, in the model's order), so a column added to the model and to both tables' scripts
/// is carried without touching this; one set per model, as a process can run both engines.
/// </summary>
internal sealed class MoveStatements
{
    private static readonly ConcurrentDictionary<IModel, MoveStatements> ByModel = new();

    private MoveStatements(IModel model)
    {
        var sales = Columns(model, typeof(AfterSale), "after_sales");
        var lines = Columns(model, typeof(AfterSaleLine), "after_sale_lines");
        CopySales = $"INSERT INTO {ArchivedAfterSales.SalesTable} ({sales}, archived_at) SELECT {sales}, @archivedAt FROM after_sales WHERE after_sale_id IN (@ids)";
        CopyLines = $"INSERT INTO {ArchivedAfterSales.LinesTable} ({lines}) SELECT {lines} FROM after_sale_lines WHERE after_sale_id IN (@ids)";
    }

    /// <summary>What leaves the hot tables, children first; the last one's count is the batch's (the after-sales).</summary>
    public static IReadOnlyList<string> Deletes { get; } =
    [
        "DELETE FROM after_sale_lines WHERE after_sale_id IN (@ids)",
        "DELETE FROM after_sale_search WHERE after_sale_id IN (@ids)",
        "DELETE FROM handler_deliveries WHERE after_sale_id IN (@ids)",
        // An after-sale's deadlines are keyed by its id; a finished one normally has none left (they are removed as they
        // fire or become moot), but one that outlived its after-sale must not fire on an id the hot tables lost.
        "DELETE FROM deadlines WHERE \"key\" IN (@ids)",
        "DELETE FROM after_sales WHERE after_sale_id IN (@ids)",
    ];

    public string CopySales { get; }

    public string CopyLines { get; }

    public static MoveStatements For(IModel model) => ByModel.GetOrAdd(model, static m => new MoveStatements(m));

    private static string Columns(IModel model, Type type, string table)
    {
        var store = StoreObjectIdentifier.Table(table);
        var entity = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
        return string.Join(", ", entity.GetProperties().Select(p => p.GetColumnName(store)).OfType<string>().Distinct().Select(c => $"\"{c}\""));
    }
}
