namespace ReversePaas.Plugins.Packages;

/// <summary>An uploaded package refused, with the fault in a word (<see cref="Fault"/>) and the reason.</summary>
public sealed class PluginPackageException : Exception
{
    /// <summary>A refusal for <paramref name="fault"/>, saying why in <paramref name="message"/>.</summary>
    public PluginPackageException(string fault, string message)
        : base(message)
    {
        Fault = fault;
    }

    /// <summary>A refusal without details.</summary>
    public PluginPackageException()
        : this("invalid-package", "The plugin package is invalid.")
    {
    }

    /// <summary>A refusal saying why in <paramref name="message"/>.</summary>
    public PluginPackageException(string message)
        : this("invalid-package", message)
    {
    }

    /// <summary>A refusal caused by <paramref name="innerException"/>.</summary>
    public PluginPackageException(string message, Exception innerException)
        : base(message, innerException)
    {
        Fault = "invalid-package";
    }

    /// <summary>
    /// What is wrong: <c>too-large</c>, <c>not-a-zip</c>, <c>too-many-entries</c>, <c>unsafe-entry</c>, <c>no-manifest</c>,
    /// <c>invalid-manifest</c>, <c>entry-assembly-missing</c>, <c>sdk-mismatch</c>, <c>not-allow-listed</c>.
    /// </summary>
    public string Fault { get; }
}
