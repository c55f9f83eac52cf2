using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ReversePaas.Plugins.Schemas;

namespace ReversePaas.Plugins.Mappings;

/// <summary>
/// One mappings file read as strict JSON into a Json.NET tree with line numbers, the model every later check
/// (schema, identity text, file name) reports against.
/// </summary>
internal sealed class MappingDocument
{
    private static readonly JsonLoadSettings LoadSettings = new()
    {
        // A repeated key silently replacing the first is how a typo hides in a rule: make it an error.
        DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
        LineInfoHandling = LineInfoHandling.Load,
    };

    private static readonly System.Text.Json.JsonReaderOptions StrictOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    };

    private MappingDocument(string file, JToken root)
    {
        File = file;
        Root = root;
    }

    /// <summary>The file, relative to the mappings folder.</summary>
    public string File { get; }

    /// <summary>The parsed document.</summary>
    public JToken Root { get; }

    /// <summary>Reads <paramref name="file"/> (relative to <paramref name="directory"/>); null, with the error added, when it is not JSON.</summary>
    public static MappingDocument? Read(string directory, string file, ICollection<IdentityMappingError> errors)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(Path.Combine(directory, file));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(new(file, "$", $"The file cannot be read: {ex.Message}"));
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new(file, "$", "The file is empty; it must hold a JSON object."));
            return null;
        }

        JToken root;
        try
        {
            using var reader = new JsonTextReader(new StringReader(text))
            {
                // Strings stay strings ("2026-11-22" is not a date here) and numbers stay exact decimals
                // ("199.90" keeps its scale), so settings reach extensions as written.
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
            };
            root = JToken.Load(reader, LoadSettings);
        }
        catch (JsonReaderException ex)
        {
            errors.Add(new(file, JsonPathText.FromRelative(ex.Path), $"Not valid JSON: {WithoutLocation(ex.Message)} (line {ex.LineNumber}, position {ex.LinePosition})"));
            return null;
        }

        // Json.NET also accepts comments, single quotes, unquoted names and trailing commas; editors, jq and
        // the other tools that read these files do not, so the standard reader has the last word. It only scans the
        // tokens: the Json.NET tree above is the one document every check reads.
        var strictError = StrictSyntaxError(text);
        if (strictError is not null)
        {
            errors.Add(new(file, "$", strictError));
            return null;
        }

        return new MappingDocument(file, root);
    }

    private static string? StrictSyntaxError(string text)
    {
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(Encoding.UTF8.GetBytes(text), StrictOptions);
            while (reader.Read())
            {
            }

            return null;
        }
        catch (System.Text.Json.JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0);
            var column = CharacterColumn(text, line, (int)(ex.BytePositionInLine ?? 0));
            var reason = ex.Message.Contains("trailing comma", StringComparison.OrdinalIgnoreCase)
                ? "a comma after the last item is not allowed in JSON"
                : CharacterAt(text, line, column) == '/'
                    ? "JSON has no comments; explain things in a \"description\" instead"
                    : TrimStrictMessage(ex.Message);
            return $"Not valid JSON: {reason} (line {line + 1}, position {column + 1})";
        }
    }

    // Json.NET appends " Path 'x', line 1, position 2." to its messages; the error reports those separately.
    private static string WithoutLocation(string message)
    {
        var at = message.LastIndexOf(" Path '", StringComparison.Ordinal);
        return (at < 0 ? message : message[..at]).TrimEnd('.', ' ');
    }

    private static string TrimStrictMessage(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (at < 0 ? message : message[..at]).TrimEnd('.', ' ');
    }

    // System.Text.Json counts UTF-8 bytes within the line; editors count characters (descriptions may well be Chinese).
    private static int CharacterColumn(string text, int line, int bytePosition)
    {
        var content = LineText(text, line);
        var bytes = Encoding.UTF8.GetBytes(content);
        return Encoding.UTF8.GetCharCount(bytes, 0, Math.Min(bytePosition, bytes.Length));
    }

    private static char? CharacterAt(string text, int line, int column)
    {
        var content = LineText(text, line);
        return column < content.Length ? content[column] : null;
    }

    private static string LineText(string text, int line)
    {
        var lines = text.Split('\n');
        return line < lines.Length ? lines[line].TrimEnd('\r') : "";
    }
}
