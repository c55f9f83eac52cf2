namespace ReversePaas.Kernel.Domain;

/// <summary>A unique key refused a write (an order registered twice, a refund recorded twice). Nothing was written.</summary>
public sealed class DuplicateException : Exception
{
    public DuplicateException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
