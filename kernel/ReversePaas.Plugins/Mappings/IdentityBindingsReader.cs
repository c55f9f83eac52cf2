using Newtonsoft.Json.Linq;
using ReversePaas.Kernel.Identity;
using ReversePaas.Sdk;

namespace ReversePaas.Plugins.Mappings;

/// <summary>Reads <c>bindings/*.json</c> into the kernel's <see cref="IdentityBinding"/>s, one file per identity.</summary>
internal static class IdentityBindingsReader
{
    private static readonly EnumerationOptions TopLevelJson = new()
    {
        // "retail.pop.JSON" is a bindings file too; ignoring it on Linux only would be a surprise.
        MatchCasing = MatchCasing.CaseInsensitive,
        RecurseSubdirectories = false,
    };

    /// <summary>The bindings; an absent folder means none. Errors are added to <paramref name="errors"/>.</summary>
    public static IReadOnlyList<IdentityBinding> Read(string directory, MappingSchema? schema, ICollection<IdentityMappingError> errors)
    {
        var folder = Path.Combine(directory, IdentityMappingLoader.BindingsFolder);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        // Errors are listed file by file in name order, whichever stage (syntax, schema, checks) found them.
        var files = new List<(string File, List<IdentityMappingError> SyntaxErrors, BindingFile? Read)>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.json", TopLevelJson).Order(StringComparer.Ordinal))
        {
            var file = $"{IdentityMappingLoader.BindingsFolder}/{Path.GetFileName(path)}";
            var syntaxErrors = new List<IdentityMappingError>();
            var document = MappingDocument.Read(directory, file, syntaxErrors);
            files.Add((file, syntaxErrors, document is null ? null : ReadFile(document, schema)));
        }

        var read = files.Where(f => f.Read is not null).Select(f => f.Read!).ToList();
        ReportDuplicates(read);
        foreach (var (_, syntaxErrors, file) in files)
        {
            foreach (var error in syntaxErrors.Concat(file?.Found.Ordered() ?? []))
            {
                errors.Add(error);
            }
        }

        ReportNested(folder, errors);
        return files.All(f => f.SyntaxErrors.Count == 0 && f.Read!.Found.IsEmpty) ? [.. read.Select(f => f.Binding!)] : [];
    }

    private static BindingFile ReadFile(MappingDocument document, MappingSchema? schema)
    {
        var found = new MappingFileErrors(document.File);
        schema?.Validate(document, found);
        if (document.Root is not JObject root)
        {
            found.AddShape(document.Root, "Must be an object with \"identity\", \"extensions\" and \"settings\"");
            return new BindingFile(found, null, null, null);
        }

        if (root["identity"] is not { } text)
        {
            found.AddShape(root, "Required property 'identity' is missing");
            return new BindingFile(found, null, null, null);
        }

        var identity = MappingValues.Identity(text, found);
        if (identity is { } named)
        {
            // The file is named after its identity, so ops find an identity's binding without searching and
            // two files can hardly compete for one identity.
            var actual = Path.GetFileName(document.File);
            if (!string.Equals(Path.GetFileNameWithoutExtension(actual), named.Value, StringComparison.Ordinal))
            {
                found.Add(text, $"The file binds '{named}' but is named '{actual}'; rename it to '{named}.json' (one file per identity, named after it)");
            }
        }

        var extensions = ReadMap(root, "extensions", found, token => MappingValues.Strings(token, found, allowEmptyList: true));
        var settings = ReadMap(root, "settings", found, token => MappingValues.SettingText(token, found));
        var binding = identity is { } bound && extensions is not null && settings is not null
            ? new IdentityBinding(bound, extensions, settings, document.File)
            : null;
        return new BindingFile(found, binding, identity, text);
    }

    private static Dictionary<string, T>? ReadMap<T>(JObject root, string name, MappingFileErrors found, Func<JToken, T?> read)
        where T : class
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        switch (root[name])
        {
            case null:
                return map;
            case JObject entries:
                foreach (var entry in entries.Properties())
                {
                    if (read(entry.Value) is { } value)
                    {
                        map[entry.Name] = value;
                    }
                }

                return map;
            case var other:
                found.AddShape(other, "Must be an object of key -> value");
                return null;
        }
    }

    private static void ReportDuplicates(List<BindingFile> files)
    {
        foreach (var group in files.Where(f => f.Identity is not null).GroupBy(f => f.Identity!.Value).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var duplicate in group.Skip(1))
            {
                duplicate.Found.Add(duplicate.IdentityToken!, $"Identity '{group.Key}' is already bound by {first.Found.File}; keep its extensions and settings in one file, bindings/{group.Key}.json");
            }
        }
    }

    // Only bindings/ itself is read: a file in a subfolder would otherwise look configured and do nothing.
    private static void ReportNested(string folder, ICollection<IdentityMappingError> errors)
    {
        var nested = Directory.EnumerateDirectories(folder)
            .SelectMany(subfolder => Directory.EnumerateFiles(subfolder, "*.json", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive, RecurseSubdirectories = true }))
            .Select(path => Path.GetRelativePath(Path.GetDirectoryName(folder)!, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        foreach (var file in nested)
        {
            errors.Add(new(file, "$", $"Bindings are read from {IdentityMappingLoader.BindingsFolder}/ only, not its subfolders; move this file to {IdentityMappingLoader.BindingsFolder}/<identity>.json"));
        }
    }

    private sealed record BindingFile(MappingFileErrors Found, IdentityBinding? Binding, BusinessIdentity? Identity, JToken? IdentityToken);
}
