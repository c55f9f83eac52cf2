namespace ReversePaas.Simulators.Server;

/// <summary>The process: <c>dotnet run --project kernel/ReversePaas.Simulators.Server -- --urls=http://127.0.0.1:5080</c>.</summary>
internal static class ServerEntryPoint
{
    public static async Task Main(string[] args)
    {
        var app = SimulatorsServer.Build(args);
        await app.RunAsync();
    }
}
