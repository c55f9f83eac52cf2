using ReversePaas.Host.Tests.Support;

namespace ReversePaas.Host.Tests.Security;

/// <summary>One host with the bundled plugins on a SQLite file of its own, shared by the access-matrix tests.</summary>
public sealed class MatrixHost : IAsyncLifetime
{
    public RunningHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await RunningHost.StartAsync(TestPaths.BundledPlugins);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
