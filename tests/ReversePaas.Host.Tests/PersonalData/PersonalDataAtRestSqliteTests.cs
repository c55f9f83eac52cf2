using System.Text;
using Microsoft.Data.Sqlite;
using ReversePaas.Host.Tests.Broker;
using ReversePaas.Persistence.Archive;

namespace ReversePaas.Host.Tests.PersonalData;

/// <summary>The database bytes on SQLite: the file, the archive file beside it and their write-ahead logs, as they are on disk.</summary>
[Collection(BrokerTestGroup.Name)]
public sealed class PersonalDataAtRestSqliteTests : PersonalDataAtRestTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());

    protected override async Task<IReadOnlyList<string>> FindInDatabaseAsync(string connectionString, IReadOnlyList<string> needles)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var archive = ArchiveAttachment.ArchivePath(connectionString);
        var files = new[] { file, file + "-wal", file + "-journal", archive, archive + "-wal", archive + "-journal" }.Where(File.Exists).ToList();
        files.Should().Contain(file).And.Contain(archive, "the archive file beside the database is searched too");
        var found = new List<string>();
        foreach (var path in files)
        {
            // Shared read: the host may still have the file open.
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            var bytes = copy.ToArray();
            // SQLite stores text as UTF-8; UTF-16 too in case a blob or another encoding slipped in.
            found.AddRange(needles.Where(n => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(n)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(n)) >= 0)
                .Select(n => $"{n} in {Path.GetFileName(path)}"));
        }

        return found;
    }
}
