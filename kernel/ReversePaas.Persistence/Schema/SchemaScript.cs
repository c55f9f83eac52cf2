namespace ReversePaas.Persistence.Schema;

/// <summary>One versioned schema script.</summary>
/// <param name="Version">Version (applied in ascending order).</param>
/// <param name="Name">Short name.</param>
/// <param name="Sql">The SQL.</param>
public sealed record SchemaScript(int Version, string Name, string Sql);
