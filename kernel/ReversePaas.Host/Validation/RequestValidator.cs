using FluentValidation;

namespace ReversePaas.Host.Validation;

/// <summary>
/// The validator of one request record. <see cref="WhenMissing"/> says what a request without a body means: null (the
/// default) refuses it (<c>body</c>: a JSON body is required); a value is validated in its place, for routes whose body
/// has nothing that must be sent, or whose missing fields are better named one by one.
/// </summary>
internal abstract class RequestValidator<T> : AbstractValidator<T>
{
    public virtual T? WhenMissing => default;
}
