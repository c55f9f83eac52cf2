using ReversePaas.Kernel.Identity;

namespace ReversePaas.Plugins.Mappings;

/// <summary>
/// Reads <c>identity-mappings/</c>: <c>identities.json</c> (which business identity an order gets) and
/// <c>bindings/&lt;identity&gt;.json</c> (configuration instead of code), each validated against the JSON Schema
/// beside it (<c>identities.schema.json</c>, <c>binding.schema.json</c>). Any error makes <see cref="Load"/>
/// throw with every error found, so a bad deployment stops at start-up instead of routing orders to the wrong
/// business line. Whether bindings name real points, extensions and identities is checked later by the kernel,
/// against what is loaded, and reported as problems.
/// </summary>
public static class IdentityMappingLoader
{
    /// <summary>The name of the mappings folder in the repository and beside the host.</summary>
    public const string DirectoryName = "identity-mappings";

    /// <summary>The rules file.</summary>
    public const string RulesFile = "identities.json";

    /// <summary>The rules file's schema.</summary>
    public const string RulesSchemaFile = "identities.schema.json";

    /// <summary>The schema of every bindings file.</summary>
    public const string BindingSchemaFile = "binding.schema.json";

    /// <summary>The folder of bindings files, one per identity; optional.</summary>
    public const string BindingsFolder = "bindings";

    /// <summary>Loads and validates the mappings in <paramref name="directory"/>.</summary>
    /// <exception cref="IdentityMappingException">Anything is missing or invalid; lists every error.</exception>
    public static IdentityMappings Load(string directory)
    {
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            throw new IdentityMappingException([new(".", "$", $"The identity mappings folder '{root}' does not exist.")]);
        }

        var errors = new List<IdentityMappingError>();
        var rulesSchema = MappingSchema.Read(root, RulesSchemaFile, errors);
        var bindingSchema = MappingSchema.Read(root, BindingSchemaFile, errors);
        var rules = IdentityRulesReader.Read(root, rulesSchema, errors);
        var bindings = IdentityBindingsReader.Read(root, bindingSchema, errors);
        if (errors.Count > 0 || rules is null)
        {
            throw new IdentityMappingException(errors);
        }

        return new IdentityMappings(rules, bindings);
    }

    /// <summary>
    /// The nearest <c>identity-mappings</c> folder (one holding <c>identities.json</c>) in
    /// <paramref name="startDirectory"/> or a folder above it, or null: finds the repository's folder from a
    /// build output directory.
    /// </summary>
    public static string? FindNearest(string startDirectory)
    {
        for (var directory = new DirectoryInfo(Path.GetFullPath(startDirectory)); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, DirectoryName);
            if (File.Exists(Path.Combine(candidate, RulesFile)))
            {
                return candidate;
            }
        }

        return null;
    }
}
