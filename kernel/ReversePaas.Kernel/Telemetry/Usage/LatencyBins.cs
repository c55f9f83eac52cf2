namespace ReversePaas.Kernel.Telemetry.Usage;

/// <summary>
/// A fixed log-linear latency histogram layout: microseconds below 8 get a bin each, above that every power of two is
/// split into 8 equal bins, so a bin's upper bound is at most 12.5% above anything in it. Fixed bins (not samples)
/// keep recording to one increment and a bucket's memory constant.
/// </summary>
internal static class LatencyBins
{
    private const int SubBits = 3;
    private const int SubBins = 1 << SubBits;

    // 2^26 µs ≈ 67 s: far beyond any call budget; longer calls land in the last bin.
    private const int MaxExponent = 26;

    /// <summary>Bins per histogram.</summary>
    public const int Count = (MaxExponent - SubBits + 2) * SubBins;

    /// <summary>The bin of a duration in microseconds.</summary>
    public static int Of(long micros)
    {
        if (micros < SubBins)
        {
            return micros <= 0 ? 0 : (int)micros;
        }

        var exponent = Math.Min(System.Numerics.BitOperations.Log2((ulong)micros), MaxExponent);
        if (exponent == MaxExponent && micros >= 1L << (MaxExponent + 1))
        {
            return Count - 1;
        }

        var sub = (int)(micros >> (exponent - SubBits)) & (SubBins - 1);
        return ((exponent - SubBits + 1) * SubBins) + sub;
    }

    /// <summary>The exclusive upper bound of <paramref name="bin"/>, in microseconds.</summary>
    public static long UpperBound(int bin)
    {
        if (bin < SubBins)
        {
            return bin + 1;
        }

        var exponent = (bin / SubBins) + SubBits - 1;
        var sub = bin % SubBins;
        return (1L << exponent) + ((sub + 1L) << (exponent - SubBits));
    }
}
