using Microsoft.EntityFrameworkCore;
using ReversePaas.Persistence;

namespace ReversePaas.Host.Tests.Support;

/// <summary>A context straight on a host's database, for tests that look at what host processes wrote from outside them.</summary>
public static class ReverseDbContexts
{
    public static ReverseDbContext Open(string connectionString)
    {
        var options = new DbContextOptionsBuilder<ReverseDbContext>();
        options.UseReverseDatabase(connectionString);
        return new ReverseDbContext(options.Options);
    }
}
