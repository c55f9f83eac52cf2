using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Persistence.Search;

namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// The search index is a seam: with another <see cref="ISearchIndex"/> registered (as an Elasticsearch one would be),
/// the outbox writes every change's document to it, the list's <c>q=</c> asks it, and the ops back-fill and
/// verification fill and count it, not the database read model.
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
        var found = (await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }])).AfterSaleId;
        var other = (await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "B", quantity = 1 }])).AfterSaleId;

        await ReverseApi.WaitUntilAsync(() => Task.FromResult(index.Documents.ContainsKey(found) && index.Documents.ContainsKey(other)), "both documents written to the index");
        index.Documents[found].OrderId.Should().Be(order.OrderId);
        index.Answer = [found];
        var list = await api.ListAsync(RunningHost.OpsKey, $"?orderId={order.OrderId}&q=whatever-the-index-says");

        list.Items.Select(i => i.AfterSaleId).Should().Equal(found);
        index.Queries.Should().Equal("whatever-the-index-says");
    }

    [Fact]
    public async Task The_back_fill_writes_to_another_search_index_and_the_verification_counts_and_samples_it()
    {
        var index = new RecordingSearchIndex();
        // Paused: no document reaches the index but through the back-fill.
        await using var host = await RunningHost.StartWithServicesAsync(TestPaths.BundledPlugins, TestDatabases.NewSqlite(),
            services => services.Replace(ServiceDescriptor.Scoped<ISearchIndex>(_ => index)), "Outbox:Paused=true");
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 3, 10m);
        await api.RegisterAsync(order);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }])).AfterSaleId);
        }

        var before = (await api.OkAsync(HttpMethod.Get, "/api/v1/ops/search/verify", RunningHost.OpsKey)).As<SearchVerificationResult>();
        before.Documents.Should().Be(0);
        before.Consistent.Should().BeFalse();

        var filled = (await api.OkAsync(HttpMethod.Post, "/api/v1/ops/search/backfill?batchSize=2", RunningHost.OpsKey)).As<BackfillResult>();
        filled.Processed.Should().Be(3);
        index.Documents.Keys.Should().BeEquivalentTo(ids);
        var after = (await api.OkAsync(HttpMethod.Get, "/api/v1/ops/search/verify", RunningHost.OpsKey)).As<SearchVerificationResult>();
        after.Documents.Should().Be(3);
        after.Consistent.Should().BeTrue(after.ToString());

        index.Documents[ids[0]].Version += 1;
        index.Documents.TryRemove(ids[1], out _);
        var drifted = (await api.OkAsync(HttpMethod.Get, "/api/v1/ops/search/verify", RunningHost.OpsKey)).As<SearchVerificationResult>();
        drifted.Documents.Should().Be(2);
        drifted.StaleInSample.Should().Equal(ids[0]);
        drifted.MissingInSample.Should().Equal(ids[1]);
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

        public Task<int> CountAsync(CancellationToken cancellationToken) => Task.FromResult(Documents.Count);

        public Task<IReadOnlyDictionary<string, long>> VersionsAsync(IReadOnlyList<string> afterSaleIds, CancellationToken cancellationToken)
            => Task.FromResult<IReadOnlyDictionary<string, long>>(afterSaleIds
                .Where(Documents.ContainsKey).ToDictionary(id => id, id => Documents[id].Version, StringComparer.Ordinal));
    }
}
