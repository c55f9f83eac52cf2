using Microsoft.AspNetCore.Http;
using ReversePaas.Kernel.Activities;

namespace ReversePaas.Host.Tests.Support;

/// <summary>The host's store, except that the save of a request marked for a <see cref="SaveHolds"/> gate waits there first.</summary>
internal sealed class HeldSaveStore(IReverseStore inner, IHttpContextAccessor http, SaveHolds holds) : DelegatingReverseStore(inner)
{
    public override async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (holds.For(http.HttpContext) is { } gate)
        {
            await gate.PassAsync(cancellationToken);
        }

        await Inner.SaveAsync(cancellationToken);
    }
}
