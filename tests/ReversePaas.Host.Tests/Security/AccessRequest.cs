namespace ReversePaas.Host.Tests.Security;

/// <summary>The concrete request a probe prepared for one cell: the path (with fresh ids) and the JSON body, if any.</summary>
internal sealed record AccessRequest(string Path, object? Body = null);
