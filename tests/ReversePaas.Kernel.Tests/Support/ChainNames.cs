using ReversePaas.Kernel.Extensions;

namespace ReversePaas.Kernel.Tests.Support;

/// <summary>Reads what a chain would run, in order, through the dispatch path (<see cref="ResolvedChain{TPoint}.Instances"/>).</summary>
public static class ChainNames
{
    public static string[] Of(ResolvedChain<ITestChain> chain)
    {
        var names = new List<string>();
        foreach (var member in chain.Instances)
        {
            names.Add(member.Name);
        }

        return [.. names];
    }
}
