namespace ReversePaas.Kernel.Domain;

/// <summary>Finds an exception inside the wrappers EF Core and the kernel put around the ones answers are about.</summary>
public static class ExceptionChain
{
    /// <summary>The first exception of the chain (<paramref name="exception"/>, then its inner ones) that matches, or null.</summary>
    public static Exception? Find(Exception exception, Func<Exception, bool> matches)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (matches(current))
            {
                return current;
            }
        }

        return null;
    }
}
