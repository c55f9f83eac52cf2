using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Security;
using ReversePaas.Host.Tests.Support;
using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Hostile;

/// <summary>
/// The header dimensions of the hostile-input campaign, over every route the host maps (the rows of
/// <see cref="RouteAccessMatrix"/>, which a test keeps equal to the endpoint data source): Accept headers that do not
/// admit JSON, malformed and oversized ones, Content-Type and charset variants, duplicated headers. The refused callers
/// must get exactly the matrix's 401 or 403, and every error, whatever was asked for, is a problem-details body.
/// </summary>
public sealed class HeaderHostileTests(MatrixHost fixture, ITestOutputHelper output) : IClassFixture<MatrixHost>
{
    /// <summary>Header sets a client may send; none of them may turn an answer into a 5xx or a non-problem error.</summary>
    private static readonly (string Name, (string Header, string Value)[] Headers)[] HeaderSets =
    [
        ("Accept: text/html (a browser's address bar)", [("Accept", "text/html")]),
        ("Accept: text/plain (a scraper)", [("Accept", "text/plain")]),
        ("Accept: application/xml", [("Accept", "application/xml")]),
        ("Accept: image/png;q=1, application/json;q=0", [("Accept", "image/png;q=1, application/json;q=0")]),
        ("Accept: malformed", [("Accept", ";;;/===,,")]),
        ("Accept: empty", [("Accept", "")]),
        ("Accept: 16 kB of media types", [("Accept", string.Join(", ", Enumerable.Range(0, 1000).Select(i => $"x/y{i}")))]),
        ("Accept twice", [("Accept", "text/html"), ("Accept", "text/plain")]),
        ("Accept-Charset: bogus", [("Accept", "text/html"), ("Accept-Charset", "bogus")]),
        ("Content-Type twice", [("Content-Type", "application/json"), ("Content-Type", "text/plain")]),
        ("Content-Type: charset=latin1", [("Content-Type", "application/json; charset=latin1")]),
        ("Content-Type: APPLICATION/JSON; CHARSET=\"UTF-8\"", [("Content-Type", "APPLICATION/JSON; CHARSET=\"UTF-8\"")]),
        ("Content-Type: malformed", [("Content-Type", "application/json; ;; charset")]),
    ];

    [Fact]
    public async Task Refused_callers_get_the_matrix_status_as_problem_details_whatever_the_headers_say()
    {
        var api = new ReverseApi(fixture.Host);
        var wrong = new List<string>();
        var sent = 0;
        foreach (var row in RouteAccessMatrix.Rows.Where(r => r.IsEndpoint))
        {
            var refused = Enumerable.Range(0, Caller.All.Count)
                .Where(c => row.Expected[c] is Access.Unauthenticated or Access.WrongRole)
                .DistinctBy(c => row.Expected[c])
                .ToList();
            if (refused.Count == 0)
            {
                continue;
            }

            var request = await row.Probe(api);
            foreach (var column in refused)
            {
                var expected = row.Expected[column] == Access.Unauthenticated ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
                foreach (var (name, headers) in HeaderSets)
                {
                    sent++;
                    if (await CheckAsync(row.Method, request, Caller.All[column].Key, headers, expected) is { } why)
                    {
                        wrong.Add($"{row.Name} as {Caller.All[column].Name}, {name}: {why}");
                    }
                }
            }
        }

        output.WriteLine($"{sent} requests with hostile headers to refused callers");
        sent.Should().BeGreaterThan(300, "every protected route is tried with every header set");
        wrong.Should().BeEmpty();
    }

    // Without a key an unknown route is a 401 like every protected one (the fallback policy asks for a key), so that
    // probing does not tell which routes exist; with a key it is a 404.
    [Fact]
    public async Task Unknown_routes_answer_a_401_or_404_problem_whatever_the_headers_say()
    {
        var wrong = new List<string>();
        foreach (var path in new[] { "/no-such-page", "/api/v1/no-such-route", "/api/v1/after-sales/x/no-such-action" })
        {
            foreach (var (key, expected) in new[] { (null, HttpStatusCode.Unauthorized), (RunningHost.OpsKey, HttpStatusCode.NotFound) })
            {
                foreach (var (name, headers) in HeaderSets)
                {
                    if (await CheckAsync("GET", new AccessRequest(path), key, headers, expected) is { } why)
                    {
                        wrong.Add($"GET {path} with {(key is null ? "no key" : "a key")}, {name}: {why}");
                    }
                }
            }
        }

        wrong.Should().BeEmpty();
    }

    [Fact]
    public async Task Allowed_callers_never_get_a_5xx_or_a_bare_error_for_their_headers()
    {
        var api = new ReverseApi(fixture.Host);
        var wrong = new List<string>();
        foreach (var row in RouteAccessMatrix.Rows.Where(r => r.IsEndpoint))
        {
            var allowed = Enumerable.Range(0, Caller.All.Count).First(c => row.Expected[c] is Access.Allowed or Access.Public);
            foreach (var (name, headers) in HeaderSets.Where(h => h.Name.StartsWith("Accept: text/html", StringComparison.Ordinal) || h.Name.StartsWith("Content-Type", StringComparison.Ordinal)))
            {
                // An allowed call may change state, so each gets a fresh probe.
                var request = await row.Probe(api);
                if (await CheckAsync(row.Method, request, Caller.All[allowed].Key, headers, expected: null) is { } why)
                {
                    wrong.Add($"{row.Name} as {Caller.All[allowed].Name}, {name}: {why}");
                }
            }
        }

        wrong.Should().BeEmpty();
    }

    [Fact]
    public async Task A_duplicated_or_oversized_key_header_is_refused_without_a_5xx()
    {
        using (var twice = new HttpRequestMessage(HttpMethod.Get, "/api/v1/plugins"))
        {
            twice.Headers.TryAddWithoutValidation("X-Api-Key", [RunningHost.OpsKey, RunningHost.OpsKey]);
            twice.Headers.TryAddWithoutValidation("Accept", "text/html");
            using var response = await fixture.Host.Client.SendAsync(twice);
            await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }

        using var huge = new HttpRequestMessage(HttpMethod.Get, "/api/v1/plugins");
        huge.Headers.TryAddWithoutValidation("X-Api-Key", new string('k', 40 * 1024));
        using var tooLarge = await fixture.Host.Client.SendAsync(huge);

        // Kestrel refuses a header section over its 32 kB limit before any middleware runs.
        tooLarge.StatusCode.Should().Be(HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    /// <summary>Sends one request; returns what is wrong with the answer, or null.</summary>
    private async Task<string?> CheckAsync(string method, AccessRequest request, string? key, (string Header, string Value)[] headers, HttpStatusCode? expected)
    {
        using var message = new HttpRequestMessage(new HttpMethod(method), request.Path);
        if (key is not null)
        {
            message.Headers.Add("X-Api-Key", key);
        }

        var contentTypes = headers.Where(h => h.Header == "Content-Type").Select(h => h.Value).ToArray();
        if (request.Body is not null || contentTypes.Length > 0)
        {
            message.Content = JsonContent.Create(request.Body ?? new { });
            if (contentTypes.Length > 0)
            {
                message.Content.Headers.Remove("Content-Type");
                message.Content.Headers.TryAddWithoutValidation("Content-Type", contentTypes);
            }
        }

        foreach (var (header, value) in headers.Where(h => h.Header != "Content-Type"))
        {
            message.Headers.TryAddWithoutValidation(header, value);
        }

        using var response = await fixture.Host.Client.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        var shown = body.Length > 200 ? body[..200] + "…" : body;
        if (expected is { } status && response.StatusCode != status)
        {
            return $"expected {(int)status}, got {(int)response.StatusCode}: {shown}";
        }

        if ((int)response.StatusCode >= 500)
        {
            return $"{(int)response.StatusCode}: {shown}";
        }

        return (int)response.StatusCode >= 400 ? ProblemShape(response, body) : null;
    }

    private static string? ProblemShape(HttpResponseMessage response, string body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{(int)response.StatusCode} as {response.Content.Headers.ContentType?.MediaType ?? "(no content type)"}, not application/problem+json: {body}";
        }

        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            return problem.TryGetProperty("status", out var status) && status.GetInt32() == (int)response.StatusCode
                && problem.TryGetProperty("type", out var type) && !string.IsNullOrEmpty(type.GetString())
                && problem.TryGetProperty("title", out var title) && !string.IsNullOrEmpty(title.GetString())
                    ? null
                    : $"{(int)response.StatusCode}: type, title or status missing or wrong: {body}";
        }
        catch (JsonException)
        {
            return $"{(int)response.StatusCode}: the body is not JSON: {body}";
        }
    }
}
