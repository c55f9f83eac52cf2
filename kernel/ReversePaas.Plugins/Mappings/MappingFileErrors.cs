using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ReversePaas.Plugins.Schemas;

namespace ReversePaas.Plugins.Mappings;

/// <summary>
/// The errors found in one mappings file, from its schema and from the loader's own checks, merged so that one
/// mistake is reported once, in the words that help most, and in the order of the file's lines.
/// </summary>
internal sealed class MappingFileErrors
{
    private readonly List<Entry> _entries = [];

    public MappingFileErrors(string file) => File = file;

    /// <summary>The file, relative to the mappings folder.</summary>
    public string File { get; }

    /// <summary>True when nothing is wrong so far.</summary>
    public bool IsEmpty => _entries.Count == 0;

    private bool HasSchemaViolations => _entries.Exists(e => e.Kind == EntryKind.Schema);

    /// <summary>A schema violation.</summary>
    public void AddSchemaViolation(string jsonPath, string reason, int line, int position)
        => _entries.Add(new(jsonPath, reason, line, position, EntryKind.Schema));

    /// <summary>
    /// A finding of the loader's own checks (identity text, file name, duplicates). It replaces schema violations
    /// at the same path: BusinessIdentity's reason says more than the schema's regular expression.
    /// </summary>
    public void Add(JToken at, string reason)
        => _entries.Add(new(JsonPathText.Of(at), reason, LineOf(at), PositionOf(at), EntryKind.Check));

    /// <summary>
    /// Something the schema should have rejected but did not (it is missing or was loosened). Dropped when the
    /// schema already rejected the file, which then explains the problem in its own words.
    /// </summary>
    public void AddShape(JToken at, string reason)
        => _entries.Add(new(JsonPathText.Of(at), reason, LineOf(at), PositionOf(at), EntryKind.Shape));

    /// <summary>The errors, in the order of their place in the file.</summary>
    public IEnumerable<IdentityMappingError> Ordered()
    {
        var checkedPaths = _entries.Where(e => e.Kind == EntryKind.Check).Select(e => e.JsonPath).ToHashSet(StringComparer.Ordinal);
        var schemaRejected = HasSchemaViolations;
        return _entries
            .Where(e => e.Kind switch
            {
                EntryKind.Schema => !checkedPaths.Contains(e.JsonPath),
                EntryKind.Shape => !schemaRejected,
                _ => true,
            })
            .OrderBy(e => e.Line)
            .ThenBy(e => e.Position)
            .Select(e => new IdentityMappingError(File, e.JsonPath, e.Line > 0 ? $"{e.Reason} (line {e.Line})" : e.Reason))
            .Distinct();
    }

    private static int LineOf(JToken token) => token is IJsonLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    private static int PositionOf(JToken token) => token is IJsonLineInfo info && info.HasLineInfo() ? info.LinePosition : 0;

    private enum EntryKind
    {
        Schema,
        Check,
        Shape,
    }

    private sealed record Entry(string JsonPath, string Reason, int Line, int Position, EntryKind Kind);
}
