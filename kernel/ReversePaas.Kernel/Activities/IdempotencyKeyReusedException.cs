namespace ReversePaas.Kernel.Activities;

/// <summary>An idempotency key was sent again with a different request body. The host answers 422.</summary>
public sealed class IdempotencyKeyReusedException : Exception
{
    public IdempotencyKeyReusedException(string key, string afterSaleId)
        : base($"Idempotency-Key '{key}' was already used for a different request (it created after-sale '{afterSaleId}'). Use a new key for a new request.")
    {
    }
}
