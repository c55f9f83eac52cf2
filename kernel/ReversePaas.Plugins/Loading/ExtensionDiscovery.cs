using System.Reflection;
using ReversePaas.Sdk;

namespace ReversePaas.Plugins.Loading;

/// <summary>
/// Finds the extensions in a plugin's entry assembly — public, non-abstract classes marked
/// <see cref="ExtensionAttribute"/> — and creates one instance of each with its public parameterless constructor.
/// </summary>
internal static class ExtensionDiscovery
{
    /// <summary>
    /// The extension instances, plus notes on <see cref="ExtensionAttribute"/>-marked classes that were skipped
    /// (not public, abstract). Throws <see cref="PluginLoadException"/> naming the class when one cannot be
    /// created, and lets type-load errors (<see cref="ReflectionTypeLoadException"/>) through to the caller.
    /// </summary>
    public static (List<object> Instances, List<string> Skipped) CreateAll(Assembly assembly)
    {
        var instances = new List<object>();
        var skipped = new List<string>();
        foreach (var type in assembly.GetTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (!type.IsClass || !type.IsDefined(typeof(ExtensionAttribute), inherit: false))
            {
                continue;
            }

            if (!type.IsVisible || type.IsAbstract)
            {
                skipped.Add($"{type.FullName} is marked [Extension] but is {(type.IsAbstract ? "abstract" : "not public")}, so it is not an extension.");
                continue;
            }

            instances.Add(Create(type));
        }

        return (instances, skipped);
    }

    private static object Create(Type type)
    {
        if (type.ContainsGenericParameters)
        {
            throw new PluginLoadException($"Extension class {type.FullName} is generic; the host cannot choose its type arguments. Make it a closed, non-generic class.");
        }

        var constructor = type.GetConstructor(Type.EmptyTypes)
            ?? throw new PluginLoadException($"Extension class {type.FullName} has no public parameterless constructor; the host creates extensions with one.");
        try
        {
            return constructor.Invoke(null);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is { } inner)
        {
            throw new PluginLoadException($"The constructor of extension class {type.FullName} threw {inner.GetType().Name}: {inner.Message}");
        }
    }
}
