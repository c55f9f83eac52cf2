namespace ReversePaas.Sdk;

/// <summary>The version of this Sdk, which plugins declare as <c>sdkVersion</c> in <c>plugin.json</c>.</summary>
public static class SdkVersion
{
    /// <summary>Major version: the host loads only plugins built against the same major.</summary>
    public const int Major = 1;

    /// <summary>Minor version: the host loads plugins built against this minor or an older one.</summary>
    public const int Minor = 1;

    /// <summary>Patch version: fixes only, never a change of contract.</summary>
    public const int Patch = 0;

    /// <summary>The version as text, <c>major.minor.patch</c>.</summary>
    public static string Text => $"{Major}.{Minor}.{Patch}";
}
