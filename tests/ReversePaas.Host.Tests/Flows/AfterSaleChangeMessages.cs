using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Outbox;

namespace ReversePaas.Host.Tests.Flows;

/// <summary>The <c>after-sale.changed</c> messages of one after-sale, oldest first, as a paused outbox holds them.</summary>
internal static class AfterSaleChangeMessages
{
    public static async Task<List<OutboxMessage>> OfAsync(RunningHost host, string afterSaleId)
    {
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ReverseDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.Topic == OutboxTopics.AfterSaleChanged && m.Key == afterSaleId).OrderBy(m => m.Id).ToListAsync();
    }
}
