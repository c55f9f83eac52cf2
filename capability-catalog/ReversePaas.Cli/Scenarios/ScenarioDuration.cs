using System.Globalization;
using System.Text.RegularExpressions;

namespace ReversePaas.Cli.Scenarios;

/// <summary>Clock moves as scenario authors write them: <c>90s</c>, <c>30m</c>, <c>48h</c>, <c>7d</c>, or a TimeSpan (<c>2.00:00:00</c>).</summary>
internal static partial class ScenarioDuration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        var match = Short().Match(text);
        if (match.Success)
        {
            var amount = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            duration = match.Groups[2].Value switch
            {
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
    }

    /// <summary>The shortest exact short form (<c>48h</c> rather than <c>2d</c> only when it is not whole days).</summary>
    public static string Format(TimeSpan duration) => duration switch
    {
        { Ticks: var t } when t % TimeSpan.TicksPerDay == 0 => $"{duration.Ticks / TimeSpan.TicksPerDay}d",
        { Ticks: var t } when t % TimeSpan.TicksPerHour == 0 => $"{duration.Ticks / TimeSpan.TicksPerHour}h",
        { Ticks: var t } when t % TimeSpan.TicksPerMinute == 0 => $"{duration.Ticks / TimeSpan.TicksPerMinute}m",
        _ => $"{(long)Math.Ceiling(duration.TotalSeconds)}s",
    };

    [GeneratedRegex("^([0-9]+)(s|m|h|d)$")]
    private static partial Regex Short();
}
