namespace ReversePaas.Cli.Commands;

/// <summary>File names for identities.</summary>
internal static class FileNames
{
    private static readonly char[] Invalid = [.. Path.GetInvalidFileNameChars(), '/', '\\', ':', '*', '?', '"', '<', '>', '|'];

    /// <summary>
    /// <c>&lt;identity&gt;&lt;extension&gt;</c> (<c>retail.pop.mmd</c>). Identities are lowercase dotted names, so
    /// this is the identity itself; anything a file system would refuse becomes <c>_</c>.
    /// </summary>
    public static string ForIdentity(string identity, string extension)
    {
        var name = string.Concat(identity.Select(c => Invalid.Contains(c) || char.IsControl(c) ? '_' : c));
        return name + extension;
    }
}
