namespace ReversePaas.Kernel.Domain;

/// <summary>The caller may see the resource but not do this to it (e.g. a merchant reviewing a line routed to customer service). The host answers 403.</summary>
public sealed class ForbiddenActionException : Exception
{
    public ForbiddenActionException(string message)
        : base(message)
    {
    }
}
