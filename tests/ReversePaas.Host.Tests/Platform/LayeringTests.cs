using System.Text.RegularExpressions;

namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// The host's endpoints, health checks and exception handler talk to the stores and queries of Persistence, never to
/// EF Core or a database provider: so a change of engine or of data access stays inside Persistence.
/// </summary>
public sealed partial class LayeringTests
{
    [Fact]
    public void Endpoints_health_checks_and_the_exception_handler_name_no_database_type()
    {
        var host = Path.Combine(RepositoryFolders.Root, "kernel", "ReversePaas.Host");
        var files = new[] { "Apis", "Health", "Problems" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(host, folder), "*.cs", SearchOption.AllDirectories))
            .ToList();

        files.Should().HaveCountGreaterThan(10);
        files.SelectMany(file => DatabaseType().Matches(File.ReadAllText(file)).Select(m => $"{Path.GetFileName(file)}: {m.Value}"))
            .Should().BeEmpty("Persistence answers these questions (DatabaseFailures, DatabaseProbe, OutboxBacklog, the queries)");
    }

    [GeneratedRegex(@"Microsoft\.EntityFrameworkCore|Npgsql|Microsoft\.Data\.Sqlite|ReverseDbContext|DbContext\b")]
    private static partial Regex DatabaseType();
}
