using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Persistence.Search;

namespace ReversePaas.Host.Tests.Flows;

/// <summary>
/// The search index is a seam: with another <see cref="ISearchIndex"/> registered (as an Elasticsearch one would be),
/// the outbox writes every change's document to it and the list's <c>q=</c> asks it, not the database read model.
/// </summary>
public sealed class SearchIndexSeamTests
{
    [Fact]
    public async Task Another_search_index_receives_the_documents_and_answers_the_lists_text_search()
    {
        var index = new RecordingSearchIndex();
        await using var host = await RunningHost.StartWithServicesAsync(TestPaths.BundledPlugins, TestDatabases.NewSqlite(),
            services => services.Replace(ServiceDescriptor.Scoped<ISearchIndex>(_ => index)), "Search:UseReadModel=true");
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 10m).Line(2, "B", 1, 20m);
        await api.RegisterAsync(order);
        var found = (string)(await api.ApplyAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }]))["afterSaleId"]!;
        var other = (string)(await api.ApplyAsync(order.OrderId, "RefundOnly", [new { skuId = "B", quantity = 1 }]))["afterSaleId"]!;

        await ReverseApi.WaitUntilAsync(() => Task.FromResult(index.Documents.ContainsKey(found) && index.Documents.ContainsKey(other)), "both documents written to the index");
        index.Documents[found].OrderId.Should().Be(order.OrderId);
        index.Answer = [found];
        var list = await api.OkAsync(HttpMethod.Get, $"/api/v1/after-sales?orderId={order.OrderId}&q=whatever-the-index-says", RunningHost.OpsKey);

        ((JsonArray)list["items"]!).Select(i => (string)i!["afterSaleId"]!).Should().Equal(found);
        index.Queries.Should().Equal("whatever-the-index-says");
    }

    private sealed class RecordingSearchIndex : ISearchIndex
    {
        public ConcurrentDictionary<string, AfterSaleSearchDocument> Documents { get; } = new();

        public ConcurrentQueue<string> Queries { get; } = new();

        public IReadOnlyList<string> Answer { get; set; } = [];

        public Task<bool> UpsertAsync(AfterSaleSearchDocument document, CancellationToken cancellationToken)
        {
            Documents[document.AfterSaleId] = document;
            return Task.FromResult(true);
        }

        public async Task UpsertAllAsync(IReadOnlyList<AfterSaleSearchDocument> documents, CancellationToken cancellationToken)
        {
            foreach (var document in documents)
            {
                await UpsertAsync(document, cancellationToken);
            }
        }

        public Task RemoveAsync(string afterSaleId, CancellationToken cancellationToken)
        {
            Documents.TryRemove(afterSaleId, out _);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<string>> MatchingIdsAsync(string text, CancellationToken cancellationToken)
        {
            Queries.Enqueue(text);
            return Task.FromResult(Answer);
        }
    }
}
