using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Host.Problems;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;

namespace ReversePaas.Host.Tests.Security;

/// <summary>
/// The role and ownership matrix (<see cref="RouteAccessMatrix"/>, docs/security.md) against the running host: the
/// matrix names exactly the endpoints the host maps, read from its endpoint data source, so a route added without a
/// row fails here; and every cell is called with its own fresh data and checked, every mismatch reported at once.
/// </summary>
public sealed class RouteAccessMatrixTests(MatrixHost fixture) : IClassFixture<MatrixHost>
{
    [Fact]
    public void The_matrix_has_a_row_for_every_endpoint_the_host_maps_and_no_other()
    {
        var mapped = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => (Method: m, Route: Normalize(e.RoutePattern.RawText))))
            .Distinct()
            .ToList();
        var rows = RouteAccessMatrix.Rows.Where(r => r.IsEndpoint).ToList();

        var unlisted = mapped.Where(e => !rows.Any(r => r.Route == e.Route && (e.Method == "*" || r.Method == e.Method)))
            .Select(e => $"{e.Method} {e.Route}");
        var unmapped = rows.Where(r => !mapped.Any(e => e.Route == r.Route && (e.Method == "*" || e.Method == r.Method)))
            .Select(r => r.Name);

        unlisted.Should().BeEmpty("every endpoint needs a row in RouteAccessMatrix (and docs/security.md) saying who may call it");
        unmapped.Should().BeEmpty("a row of RouteAccessMatrix names no endpoint the host maps");
    }

    [Fact]
    public async Task Every_caller_gets_what_the_matrix_says_on_every_route()
    {
        var api = new ReverseApi(fixture.Host);
        var mismatches = new List<string>();
        var cells = 0;
        foreach (var row in RouteAccessMatrix.Rows)
        {
            // A refused call changes nothing, so the refused cells of a row can share one set-up; a call let through
            // may change state (withdraw, review, cancel), so each of those cells gets its own.
            AccessRequest? refusedCells = null;
            for (var column = 0; column < Caller.All.Count; column++)
            {
                var caller = Caller.All[column];
                var expected = row.Expected[column];
                var request = expected is Access.Allowed or Access.Public ? await row.Probe(api) : refusedCells ??= await row.Probe(api);
                using var message = RunningHost.Request(new HttpMethod(row.Method), request.Path, caller.Key);
                if (request.Body is not null)
                {
                    message.Content = JsonContent.Create(request.Body);
                }

                using var response = await fixture.Host.Client.SendAsync(message);
                var text = await response.Content.ReadAsStringAsync();
                cells++;
                if (Mismatch(expected, response, text) is { } why)
                {
                    mismatches.Add($"{row.Name} as {caller.Name}: expected {RouteAccessMatrix.Token(expected)}, got {(int)response.StatusCode} {why} {text[..Math.Min(text.Length, 300)]}");
                }
            }
        }

        mismatches.Should().BeEmpty($"each of the {cells} cells must answer as RouteAccessMatrix says");
    }

    [Fact]
    public void Docs_security_md_shows_the_matrix_the_test_checks()
    {
        const string start = "<!-- route-access-matrix:start -->";
        const string end = "<!-- route-access-matrix:end -->";
        var doc = File.ReadAllText(Path.Combine(RepositoryFolders.Root, "docs", "security.md")).ReplaceLineEndings("\n");
        var from = doc.IndexOf(start, StringComparison.Ordinal);
        var to = doc.IndexOf(end, StringComparison.Ordinal);
        from.Should().BeGreaterThan(-1, $"docs/security.md marks the matrix with {start}");
        to.Should().BeGreaterThan(from, $"docs/security.md ends the matrix with {end}");

        doc[(from + start.Length)..to].Trim('\n').Should().Be(
            RouteAccessMatrix.ToMarkdown().TrimEnd('\n'),
            "docs/security.md must show RouteAccessMatrix as it is (paste the expected table between the markers)");
    }

    private static string? Mismatch(Access expected, HttpResponseMessage response, string body)
    {
        var status = response.StatusCode;
        // Only problem details carry a type; what else a route answers (HTML, JavaScript, JSON) is not inspected.
        var type = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            && JsonDocument.Parse(body).RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
        return expected switch
        {
            Access.Public or Access.Allowed when status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound || (int)status >= 500
                => "(not let through)",
            Access.Unauthenticated when status != HttpStatusCode.Unauthorized => "(not 401)",
            Access.WrongRole when status != HttpStatusCode.Forbidden || type == ProblemTypes.Forbidden => "(not a 403 of the route's roles)",
            Access.Refused when status != HttpStatusCode.Forbidden || type != ProblemTypes.Forbidden => $"(not a 403 {ProblemTypes.Forbidden})",
            Access.Hidden when status != HttpStatusCode.NotFound || type != ProblemTypes.NotFound => $"(not a 404 {ProblemTypes.NotFound})",
            _ => null,
        };
    }

    private static string Normalize(string? pattern)
    {
        var route = "/" + (pattern ?? "").Trim('/');
        return route;
    }
}
