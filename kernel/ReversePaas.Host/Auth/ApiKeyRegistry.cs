using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace ReversePaas.Host.Auth;

/// <summary>
/// The configured API keys, indexed by their SHA-256 so a look-up neither keeps nor compares the secrets
/// themselves. Invalid configuration (unknown role, empty or duplicate key) stops start-up.
/// </summary>
internal sealed class ApiKeyRegistry
{
    private readonly FrozenDictionary<string, ApiKeyEntry> _byHash;

    public ApiKeyRegistry(IEnumerable<ApiKeyEntry> entries)
    {
        var byHash = new Dictionary<string, ApiKeyEntry>(StringComparer.Ordinal);
        var index = 0;
        foreach (var entry in entries)
        {
            var where = $"Auth:ApiKeys:{index++}";
            if (string.IsNullOrWhiteSpace(entry.Key))
            {
                throw new InvalidOperationException($"{where}:Key is empty.");
            }

            if (!Roles.All.Contains(entry.Role, StringComparer.Ordinal))
            {
                throw new InvalidOperationException($"{where}:Role is '{entry.Role}'; use one of {string.Join(", ", Roles.All)}.");
            }

            if (string.IsNullOrWhiteSpace(entry.Subject))
            {
                throw new InvalidOperationException($"{where}:Subject is empty; it names the caller (userId for User, venderId for Merchant).");
            }

            if (!byHash.TryAdd(Hash(entry.Key), entry))
            {
                throw new InvalidOperationException($"{where}:Key is configured twice.");
            }
        }

        _byHash = byHash.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public int Count => _byHash.Count;

    public ApiKeyEntry? Find(string key) => _byHash.GetValueOrDefault(Hash(key));

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
