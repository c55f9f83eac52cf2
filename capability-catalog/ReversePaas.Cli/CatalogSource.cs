using ReversePaas.Plugins;
using ReversePaas.Plugins.Mappings;

namespace ReversePaas.Cli;

/// <summary>Loads identity mappings and plugins the way the host does (<see cref="PluginRuntime"/>), without the host.</summary>
internal static class CatalogSource
{
    /// <summary>The full path of an existing folder; a usage error naming <paramref name="what"/> otherwise.</summary>
    public static string ExistingDirectory(string path, string what)
    {
        var full = Path.GetFullPath(path);
        return Directory.Exists(full)
            ? full
            : throw new CliException($"The {what} '{full}' does not exist.");
    }

    /// <summary>
    /// Composes mappings and plugins into a snapshot. Invalid identity mappings are a usage error listing every
    /// file, JSON path and reason; failing plugins are part of the result, never thrown.
    /// </summary>
    public static PluginRuntime Open(string pluginsDirectory, string mappingsDirectory, string? mappingsShownAs = null)
    {
        try
        {
            return new PluginRuntime(new PluginRuntimeOptions { PluginsDirectory = pluginsDirectory, MappingsDirectory = mappingsDirectory });
        }
        catch (IdentityMappingException ex)
        {
            var shown = mappingsShownAs ?? mappingsDirectory;
            throw new CliException(
                $"The identity mappings in '{shown}' are invalid ({ex.Errors.Count} error{(ex.Errors.Count == 1 ? "" : "s")}); fix them and run again:",
                [.. ex.Errors.Select(e => $"{e.File} {e.JsonPath}: {e.Reason}")],
                ExitCodes.Usage,
                ex);
        }
    }
}
