namespace ReversePaas.Persistence.Schema;

/// <summary>The database engines ReversePaas runs on.</summary>
public enum DatabaseEngine
{
    /// <summary>Embedded SQLite (the default: zero set-up, one host).</summary>
    Sqlite,

    /// <summary>PostgreSQL (several hosts share it).</summary>
    PostgreSql,
}
