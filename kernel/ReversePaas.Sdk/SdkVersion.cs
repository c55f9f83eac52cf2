namespace ReversePaas.Sdk;

/// <summary>
/// The version of this Sdk, which plugins declare as <c>sdkVersion</c> in <c>plugin.json</c>. <c>Major</c>, <c>Minor</c>
/// and <c>Patch</c> are generated from the project's <c>Version</c>, the one place the version is written.
/// </summary>
public static partial class SdkVersion
{
    /// <summary>The version as text, <c>major.minor.patch</c>.</summary>
    public static string Text => $"{Major}.{Minor}.{Patch}";
}
