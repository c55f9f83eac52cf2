using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReversePaas.Persistence.Archive;

/// <summary>
/// SQLite: attaches the archive file (<see cref="ArchivePath"/>) as schema <c>archive</c> on every connection the
/// kernel opens, so that the same SQL (<c>archive.archived_after_sales</c>) names the archive on both engines and the
/// mover copies and deletes in one transaction across the two files. A pooled connection keeps what it attached, hence
/// the look before attaching.
/// </summary>
public sealed class ArchiveAttachment(string connectionString) : DbConnectionInterceptor
{
    /// <summary>The schema name the archive tables live under, on both engines.</summary>
    public const string SchemaName = "archive";

    private const string AttachedSql = "SELECT count(*) FROM pragma_database_list WHERE name = 'archive'";
    private const string AttachSql = "ATTACH DATABASE $path AS archive";

    private readonly string _path = ArchivePath(connectionString);

    /// <summary>
    /// The archive file beside the database: <c>reversepaas.db</c> → <c>reversepaas.archive.db</c>. An in-memory
    /// database gets an in-memory archive, which lives and dies with each connection (nothing runs the host that way:
    /// its job storage needs a file).
    /// </summary>
    public static string ArchivePath(string connectionString)
    {
        var database = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrWhiteSpace(database) || database == ":memory:" || database.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return ":memory:";
        }

        return Path.ChangeExtension(Path.GetFullPath(database), ".archive.db");
    }

    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var look = connection.CreateCommand();
        look.CommandText = AttachedSql;
        if (Convert.ToInt64(look.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            using var attach = Attach(connection);
            attach.ExecuteNonQuery();
        }
    }

    /// <inheritdoc />
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var look = connection.CreateCommand();
        look.CommandText = AttachedSql;
        if (Convert.ToInt64(await look.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            await using var attach = Attach(connection);
            await attach.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private DbCommand Attach(DbConnection connection)
    {
        var attach = connection.CreateCommand();
        attach.CommandText = AttachSql;
        var path = attach.CreateParameter();
        path.ParameterName = "$path";
        path.Value = _path;
        attach.Parameters.Add(path);
        return attach;
    }
}
