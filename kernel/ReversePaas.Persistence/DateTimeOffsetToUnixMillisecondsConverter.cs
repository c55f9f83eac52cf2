using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ReversePaas.Persistence;

/// <summary>Stores a <see cref="DateTimeOffset"/> as UTC milliseconds since the Unix epoch (SQLite).</summary>
internal sealed class DateTimeOffsetToUnixMillisecondsConverter : ValueConverter<DateTimeOffset, long>
{
    public DateTimeOffsetToUnixMillisecondsConverter()
        : base(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v))
    {
    }
}
