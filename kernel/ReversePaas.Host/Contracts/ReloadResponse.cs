namespace ReversePaas.Host.Contracts;

/// <summary>The answer of <c>POST /api/v1/plugins/reload</c>.</summary>
internal sealed record ReloadResponse(long Generation, IReadOnlyList<PluginResponse> Plugins, IReadOnlyList<ProblemResponse> Problems);
