using System.Reflection;

namespace ReversePaas.Plugins.Loading;

/// <summary>
/// Turns what went wrong while loading a plugin's code into one line a plugin author can act on. Only the text
/// is kept: an exception holds stack frames and types from the plugin, which would pin its load context.
/// </summary>
internal static class LoadFailureText
{
    private const int MaxListed = 5;

    public static string Describe(Exception exception) => exception switch
    {
        PluginLoadException load => load.Message,
        TargetInvocationException { InnerException: { } inner } => Describe(inner),
        ReflectionTypeLoadException types => DescribeTypes(types),
        FileNotFoundException file => Missing([file.FileName ?? file.Message]),
        FileLoadException file => $"Assembly '{file.FileName}' was found but could not be loaded: {file.Message}",
        BadImageFormatException image => $"Not a loadable .NET assembly: {image.Message}",
        TypeLoadException type => $"Type '{type.TypeName}' could not be loaded: {type.Message}",
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };

    private static string DescribeTypes(ReflectionTypeLoadException types)
    {
        var errors = types.LoaderExceptions.OfType<Exception>().ToArray();
        var missing = errors.OfType<FileNotFoundException>().Select(f => f.FileName).OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        if (missing.Length > 0)
        {
            return Missing(missing);
        }

        var reasons = errors.Select(e => e.Message).Distinct(StringComparer.Ordinal).Take(MaxListed).ToArray();
        return reasons.Length == 0
            ? $"Some types could not be loaded: {types.Message}"
            : $"Some types could not be loaded: {string.Join(" ", reasons)}";
    }

    private static string Missing(IReadOnlyList<string> assemblies)
    {
        var names = string.Join(", ", assemblies.Take(MaxListed).Select(a => $"'{a}'"));
        return $"Missing assembly {names}: it is in neither the plugin folder nor the host. "
            + "Ship it with the plugin (it must be listed in the plugin's .deps.json, so do not reference it with Private=false).";
    }
}
