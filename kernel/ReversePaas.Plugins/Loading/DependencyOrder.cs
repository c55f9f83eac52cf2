namespace ReversePaas.Plugins.Loading;

/// <summary>
/// Orders plugins so each comes after the plugins it depends on (depth-first, ids in ordinal order so the result
/// does not depend on the file system), and finds dependency cycles.
/// </summary>
internal static class DependencyOrder
{
    /// <summary>
    /// Every plugin id of <paramref name="dependsOn"/> in load order, each with the cycle it is part of
    /// (<c>a → b → a</c>), or null. Dependencies that are not keys (not installed) are left to the caller.
    /// </summary>
    public static IReadOnlyList<(string Id, string? Cycle)> Of(IReadOnlyDictionary<string, IReadOnlyList<string>> dependsOn)
    {
        var order = new List<string>(dependsOn.Count);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        var cycles = new Dictionary<string, string>(StringComparer.Ordinal);

        void Visit(string id)
        {
            if (done.Contains(id))
            {
                return;
            }

            var onPath = path.IndexOf(id);
            if (onPath >= 0)
            {
                // A back edge: the path from the first visit of id to here is the cycle.
                var members = path[onPath..];
                var text = string.Join(" → ", members.Append(id));
                foreach (var member in members)
                {
                    cycles.TryAdd(member, text);
                }

                return;
            }

            path.Add(id);
            foreach (var dependency in dependsOn[id].Where(dependsOn.ContainsKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                Visit(dependency);
            }

            path.RemoveAt(path.Count - 1);
            done.Add(id);
            order.Add(id);
        }

        foreach (var id in dependsOn.Keys.Order(StringComparer.Ordinal))
        {
            Visit(id);
        }

        return [.. order.Select(id => (id, cycles.GetValueOrDefault(id)))];
    }
}
