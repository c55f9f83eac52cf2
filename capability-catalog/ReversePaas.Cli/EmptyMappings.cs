using ReversePaas.Plugins.Mappings;

namespace ReversePaas.Cli;

/// <summary>
/// An identity-mappings folder with no rules and no bindings (every order gets the fallback identity), for
/// <c>plugin validate</c> without <c>--mappings</c>. The schemas come from the repository's identity-mappings,
/// embedded in the tool.
/// </summary>
internal static class EmptyMappings
{
    /// <summary>Writes the folder at <paramref name="directory"/> and returns its path.</summary>
    public static string Write(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var schema in new[] { IdentityMappingLoader.RulesSchemaFile, IdentityMappingLoader.BindingSchemaFile })
        {
            using var resource = typeof(EmptyMappings).Assembly.GetManifestResourceStream($"ReversePaas.Cli.{schema}")
                ?? throw new InvalidOperationException($"The embedded schema {schema} is missing from the tool.");
            using var file = File.Create(Path.Combine(directory, schema));
            resource.CopyTo(file);
        }

        File.WriteAllText(
            Path.Combine(directory, IdentityMappingLoader.RulesFile),
            $"{{ \"$schema\": \"./{IdentityMappingLoader.RulesSchemaFile}\", \"rules\": [] }}\n",
            CatalogFile.Encoding);
        return directory;
    }
}
