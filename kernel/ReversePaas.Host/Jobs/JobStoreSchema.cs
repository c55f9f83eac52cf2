using System.Text.RegularExpressions;
using ReversePaas.Persistence.Schema;

namespace ReversePaas.Host.Jobs;

/// <summary>
/// The job store's tables, created by our schema migrator (under its lock, so hosts starting together create them
/// once) from the script Quartz ships for itself. Quartz then only validates them at start.
/// </summary>
internal static partial class JobStoreSchema
{
    /// <summary>Table prefix of the job store.</summary>
    public const string TablePrefix = "qrtz_";

    // A Quartz release that changes its schema gets a new version here (and a new script from that release).
    private const int Version = SchemaMigrator.FirstComponentVersion + 1;

    public static SchemaScript For(DatabaseEngine engine)
    {
        var resource = engine == DatabaseEngine.PostgreSql
            ? "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql"
            : "Quartz.Impl.AdoJobStore.Schema.create_sqlite.sql";
        using var stream = typeof(Quartz.IJob).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Quartz no longer ships '{resource}': check the job store schema of this Quartz release.");
        using var reader = new StreamReader(stream);
        // {0} is the prefix, {1} the same without a schema qualifier (we use none); EF's raw SQL must see no braces.
        var sql = reader.ReadToEnd().Replace("{0}", TablePrefix, StringComparison.Ordinal).Replace("{1}", TablePrefix, StringComparison.Ordinal);
        // Quartz sends each piece between '--;;' lines as its own command, so a piece may end without a semicolon
        // (SQLite's CREATE TRIGGER … END); we run the script as one batch, which needs every statement terminated.
        var statements = Separator().Split(sql)
            .Select(s => s.Trim())
            .Where(s => s.Split('\n').Any(line => line.Trim() is { Length: > 0 } text && !text.StartsWith("--", StringComparison.Ordinal)))
            .Select(s => s.EndsWith(';') ? s : s + ";");
        return new SchemaScript(Version, "quartz_job_store", string.Join('\n', statements));
    }

    [GeneratedRegex(@"^--;;\s*$", RegexOptions.Multiline)]
    private static partial Regex Separator();
}
