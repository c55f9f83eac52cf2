using ReversePaas.Sdk;

namespace ReversePaas.Kernel.Extensions;

/// <summary>One registered extension: its declaration, where it came from, and its shared instance.</summary>
public sealed class ExtensionDescriptor
{
    internal ExtensionDescriptor(
        string id,
        ExtensionOrigin origin,
        Type implementation,
        object instance,
        IReadOnlyList<ExtensionPointDescriptor> points,
        IReadOnlyList<BusinessIdentity> identities,
        int priority,
        string description)
    {
        Id = id;
        Origin = origin;
        ImplementationType = implementation.FullName ?? implementation.Name;
        AssemblyName = implementation.Assembly.GetName().Name ?? "";
        Instance = instance;
        Points = points;
        Identities = identities;
        Priority = priority;
        Description = description;
    }

    /// <summary>Stable id from <see cref="ExtensionAttribute.Id"/>.</summary>
    public string Id { get; }

    /// <summary>The kernel or the plugin that supplied it.</summary>
    public ExtensionOrigin Origin { get; }

    /// <summary>Full name of the implementing class (text, so the catalog never pins a plugin's types).</summary>
    public string ImplementationType { get; }

    /// <summary>Name of the assembly the class lives in.</summary>
    public string AssemblyName { get; }

    /// <summary>The extension points it serves.</summary>
    public IReadOnlyList<ExtensionPointDescriptor> Points { get; }

    /// <summary>The identities it declares it serves (empty: only where bound).</summary>
    public IReadOnlyList<BusinessIdentity> Identities { get; }

    /// <summary>Priority from the declaration.</summary>
    public int Priority { get; }

    /// <summary>What it changes.</summary>
    public string Description { get; }

    /// <summary>The shared instance dispatch hands out.</summary>
    internal object Instance { get; }

    /// <summary>Its circuit breaker under the host's call budget; null where no budget applies (kernel tests, tools).</summary>
    public Budget.ExtensionBreaker? Breaker { get; internal set; }

    /// <summary>True when the extension implements <paramref name="point"/>.</summary>
    public bool Serves(ExtensionPointDescriptor point)
    {
        foreach (var served in Points)
        {
            if (ReferenceEquals(served, point))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"id (origin)", as error messages name it.</summary>
    public string DisplayName => $"'{Id}' ({Origin})";

    /// <inheritdoc />
    public override string ToString() => DisplayName;
}
