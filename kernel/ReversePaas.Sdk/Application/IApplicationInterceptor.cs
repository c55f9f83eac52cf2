namespace ReversePaas.Sdk.Application;

/// <summary>
/// Checks an application before the kernel's own validation. All interceptors of an identity run in
/// order; the first rejection stops the application. The kernel has none: business lines add their rules
/// (photo evidence, no partial cancellation, perishables).
/// </summary>
[ExtensionPoint(Code, Activity.Application, CombineMode.Chain, Description = "Business-line checks on an application (evidence, partial claims, perishables).")]
public interface IApplicationInterceptor
{
    /// <summary>The code of this extension point.</summary>
    const string Code = "application.interceptor";

    /// <summary>Accepts or rejects the application.</summary>
    ApplicationVerdict Inspect(ApplicationContext context);
}
