namespace ReversePaas.Kernel.Domain;

/// <summary>
/// The order or after-sale does not exist, or the caller may not see it (a user asking about another
/// user's order gets the same answer, so existence does not leak). The host answers 404.
/// </summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException(string kind, string id)
        : base($"{kind} '{id}' was not found.")
    {
        Kind = kind;
        Id = id;
    }

    /// <summary><c>Order</c> or <c>After-sale</c>.</summary>
    public string Kind { get; }

    /// <summary>The id asked for.</summary>
    public string Id { get; }
}
