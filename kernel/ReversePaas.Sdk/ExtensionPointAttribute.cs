namespace ReversePaas.Sdk;

/// <summary>
/// Marks a kernel interface as an extension point: a place in a domain activity where business lines
/// may change behaviour. Only the kernel and this Sdk declare extension points; plugins implement them.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class ExtensionPointAttribute : Attribute
{
    /// <summary>Declares an extension point.</summary>
    /// <param name="code">Stable code, lowercase, dot-separated (<c>review.router</c>); used in bindings and the catalog.</param>
    /// <param name="activity">The domain activity the point belongs to.</param>
    /// <param name="combine">How implementations combine.</param>
    public ExtensionPointAttribute(string code, Activity activity, CombineMode combine)
    {
        Code = code;
        Activity = activity;
        Combine = combine;
    }

    /// <summary>Stable code of the point, e.g. <c>review.router</c>.</summary>
    public string Code { get; }

    /// <summary>The domain activity the point belongs to.</summary>
    public Activity Activity { get; }

    /// <summary>How implementations combine.</summary>
    public CombineMode Combine { get; }

    /// <summary>What the point decides, for the capability catalog.</summary>
    public string Description { get; set; } = "";
}
