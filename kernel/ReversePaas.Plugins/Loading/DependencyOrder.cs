namespace ReversePaas.Plugins.Loading;

/// <summary>Orders plugins so that each comes after the plugins it depends on; cycles are reported.</summary>
internal static class DependencyOrder
{
    /// <summary>Plugin ids in load order, each with an error when it is part of a dependency cycle.</summary>
    public static IReadOnlyList<(string Id, string? Error)> Of(IReadOnlyDictionary<string, IReadOnlyList<string>> dependsOn)
    {
        var order = new List<(string, string?)>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: visiting, true: done
        var inCycle = new HashSet<string>(StringComparer.Ordinal);

        void Visit(string id, Stack<string> path)
        {
            if (state.TryGetValue(id, out var done))
            {
                if (!done)
                {
                    // Everything on the path from the first visit of id is in the cycle.
                    foreach (var member in path.TakeWhile(p => p != id).Append(id))
                    {
                        inCycle.Add(member);
                    }
                }

                return;
            }

            state[id] = false;
            path.Push(id);
            foreach (var dependency in dependsOn[id].Where(dependsOn.ContainsKey).Order(StringComparer.Ordinal))
            {
                Visit(dependency, path);
            }

            path.Pop();
            state[id] = true;
            order.Add((id, null));
        }

        foreach (var id in dependsOn.Keys.Order(StringComparer.Ordinal))
        {
            Visit(id, new Stack<string>());
        }

        return [.. order.Select(o => inCycle.Contains(o.Item1)
            ? (o.Item1, (string?)$"Plugin '{o.Item1}' is part of a dependency cycle ({string.Join(" → ", inCycle.Order(StringComparer.Ordinal))}).")
            : o)];
    }
}
