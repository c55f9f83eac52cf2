namespace ReversePaas.Host.Tests.Hostile;

/// <summary>The hostile text and sizes the campaign puts into ids, fields and bodies.</summary>
internal static class HostileValues
{
    /// <summary>Beyond the default body limit (256 KB).</summary>
    public const int HugeBytes = 1024 * 1024;

    /// <summary>Under the body limit, far over any field's limit.</summary>
    public const int LongBytes = 100 * 1024;

    public const string Sql = "'; DROP TABLE orders;--";
    public const string Script = "<script>alert(1)</script>";
    public const string Emoji = "退货 😀👍🏽 €";
    public const string RightToLeft = "\u202Eevil\u202C عربى";
    public const string ZeroWidth = "O\u200B-1\uFEFF";
}
