namespace ReversePaas.Persistence.Writes;

/// <summary>A row of a table, by its key columns' values (as text, for grouping the entries that live on it).</summary>
internal sealed record RowKey(string Table, string? Schema, string Key);
