using ReversePaas.Kernel.AfterSales;
using ReversePaas.Sdk;

namespace ReversePaas.Persistence.Queries;

/// <summary><see cref="IAfterSaleQueries"/> of a host without shards: the one database's <see cref="AfterSaleQueries"/>, as is.</summary>
public sealed class SingleDatabaseAfterSaleQueries(AfterSaleQueries queries) : IAfterSaleQueries
{
    /// <inheritdoc />
    public Task<AfterSale> GetAsync(string afterSaleId, Actor actor, CancellationToken cancellationToken) => queries.GetAsync(afterSaleId, actor, cancellationToken);

    /// <inheritdoc />
    public Task<(AfterSale Sale, bool Archived)> FindAsync(string afterSaleId, Actor actor, CancellationToken cancellationToken) => queries.FindAsync(afterSaleId, actor, cancellationToken);

    /// <inheritdoc />
    public Task<(IReadOnlyList<AfterSale> Items, IReadOnlySet<string> Archived, int Total)> ListWithArchiveAsync(AfterSaleFilter filter, Actor actor, CancellationToken cancellationToken)
        => queries.ListWithArchiveAsync(filter, actor, cancellationToken);

    /// <inheritdoc />
    public Task<(IReadOnlyList<AfterSale> Items, int Total)> ListAsync(AfterSaleFilter filter, Actor actor, CancellationToken cancellationToken) => queries.ListAsync(filter, actor, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AfterSale>> StuckAsync(int max, CancellationToken cancellationToken) => queries.StuckAsync(max, cancellationToken);
}
