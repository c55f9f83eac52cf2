namespace ReversePaas.Kernel.Extensions;

/// <summary>
/// A process-wide small integer per extension-point contract, so a snapshot finds a point's table by
/// array index instead of hashing a Type on every dispatch.
/// </summary>
internal static class PointSlot
{
    private static int _next = -1;

    internal static int Next() => Interlocked.Increment(ref _next);

    internal static int Count => Volatile.Read(ref _next) + 1;
}

/// <summary>The slot of one contract; assigned on first use.</summary>
internal static class PointSlot<TPoint>
    where TPoint : class
{
    internal static readonly int Index = PointSlot.Next();
}
