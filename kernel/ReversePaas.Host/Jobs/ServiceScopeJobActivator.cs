using Hangfire;

namespace ReversePaas.Host.Jobs;

/// <summary>
/// Creates Hangfire's jobs from this host's own services, one scope per run. Registered per host instead of Hangfire's
/// process-wide <c>JobActivator.Current</c>: several hosts in one process (tests, drills) each run their own jobs.
/// </summary>
internal sealed class ServiceScopeJobActivator(IServiceScopeFactory scopes) : JobActivator
{
    public override JobActivatorScope BeginScope(JobActivatorContext context) => new Scope(scopes.CreateScope());

    private sealed class Scope(IServiceScope scope) : JobActivatorScope
    {
        public override object Resolve(Type type) => ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);

        public override void DisposeScope() => scope.Dispose();
    }
}
