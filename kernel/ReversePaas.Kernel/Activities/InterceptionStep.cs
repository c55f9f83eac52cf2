using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Domain;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Orders;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Interception;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Kernel.Activities;

/// <summary>
/// Stopping the goods of a cancellation: the step the cancel request runs first and the background execution repeats
/// while the warehouse could not be reached. A step of its own so that neither activity depends on the other.
/// </summary>
public sealed class InterceptionStep
{
    private readonly ExtensionRuntime _extensions;
    private readonly ExternalSystems _systems;
    private readonly TimeProvider _time;
    private readonly ActivityOptions _options;

    public InterceptionStep(ExtensionRuntime extensions, ExternalSystems systems, TimeProvider time, ActivityOptions options)
    {
        _extensions = extensions;
        _systems = systems;
        _time = time;
        _options = options;
    }

    /// <summary>The merchant's answer to a cancellation waiting for confirmation: stopped (refund follows) or not.</summary>
    public static void Confirm(AfterSale sale, Order order, bool stopped, Actor actor, string note, DateTimeOffset now)
    {
        if (!sale.AwaitingConfirmation)
        {
            throw new DomainRuleException(ReasonCodes.IllegalTransition, $"Cancellation '{sale.AfterSaleId}' is {sale.Status} and waits for nobody's confirmation.");
        }

        if (stopped)
        {
            sale.Fire(AfterSaleCommand.Intercepted, actor, note, now);
            order.CancelIntercepted(now);
        }
        else
        {
            sale.Fire(AfterSaleCommand.FailInterception, actor, note, now);
            order.Release(sale.RefundAmount, now);
        }
    }

    /// <summary>
    /// Runs the identity's interceptor for a cancellation in <c>Intercepting</c>. A system that cannot be reached
    /// leaves it there for the background executor to try again.
    /// </summary>
    public async Task InterceptAsync(AfterSale sale, Order order, CancellationToken cancellationToken)
    {
        var identity = BusinessIdentity.Parse(sale.BusinessIdentity);
        var snapshot = _extensions.Current;
        var interceptor = snapshot.Single<IOrderInterceptor>(identity);
        sale.RecordCapability(interceptor.Resolution);
        var context = new InterceptionContext
        {
            Identity = identity,
            Settings = snapshot.For(identity).Settings,
            Order = order.ToView(),
            AfterSaleId = sale.AfterSaleId,
            Warehouse = _systems.Warehouse,
        };

        InterceptionOutcome outcome;
        try
        {
            outcome = await interceptor.InvokeAsync(context, static (i, c, ct) => i.InterceptAsync(c, ct), cancellationToken);
        }
        catch (PortUnavailableException ex)
        {
            var now = _time.GetUtcNow();
            sale.RecordBackgroundError($"Interception waits: {ex.Message}", now + _options.UnavailableRetryDelay, now);
            return;
        }

        var at = _time.GetUtcNow();
        if (outcome.IsAwaitingConfirmation)
        {
            // A merchant who never answers must not hold the customer's money: the review timeout confirms for them.
            var timeoutHours = context.Settings.GetInt32(ReviewTriage.ReviewTimeoutHours, 0);
            sale.AwaitConfirmation(Sdk.Review.Reviewer.Merchant, outcome.Note, at, timeoutHours > 0 ? at.AddHours(timeoutHours) : null);
            return;
        }

        if (outcome.Stopped)
        {
            sale.Fire(AfterSaleCommand.Intercepted, Actor.Kernel, outcome.Note, at);
            order.CancelIntercepted(at);
        }
        else
        {
            sale.Fire(AfterSaleCommand.FailInterception, Actor.Kernel, outcome.Note, at);
            order.Release(sale.RefundAmount, at);
        }
    }
}
