using System.Globalization;

namespace ReversePaas.LoadGenerator;

/// <summary>Command-line options: <c>--url</c>, <c>--clients</c>, <c>--seconds</c>, <c>--flow apply|full</c>, <c>--warmup</c>, the API keys, <c>--host-pid</c> (to count the host's CPU), <c>--expected-rate</c> (req/s the orders prepared in advance are sized for; default 3000), <c>--barrier DIR:N</c> (measure only once N generators reached the same point, for side-by-side runs; see <see cref="MeasurementBarrier"/>).</summary>
internal sealed record LoadOptions(Uri Url, int Clients, TimeSpan Duration, TimeSpan Warmup, string Flow, string SystemKey, string UserKey, string CustomerServiceKey, string Label, int? HostPid, int ExpectedRate, string? Barrier)
{
    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected --name value pairs, got '{args[i]}'.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Get(string name, string fallback) => values.TryGetValue(name, out var value) ? value : fallback;
        var flow = Get("flow", "apply");
        if (flow is not ("apply" or "full"))
        {
            throw new ArgumentException("--flow is apply (applications only) or full (apply, review, refund to completion).");
        }

        return new LoadOptions(
            new Uri(Get("url", "http://127.0.0.1:5080")),
            int.Parse(Get("clients", "64"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Get("seconds", "20"), CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(double.Parse(Get("warmup", "5"), CultureInfo.InvariantCulture)),
            flow,
            Get("system-key", "dev-system"),
            Get("user-key", "dev-user-u1"),
            Get("cs-key", "dev-cs"),
            Get("label", ""),
            values.TryGetValue("host-pid", out var pid) ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            int.Parse(Get("expected-rate", "3000"), CultureInfo.InvariantCulture),
            values.GetValueOrDefault("barrier"));
    }
}
