using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Kernel.AfterSales;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Outbox;
using ReversePaas.Persistence.Queries;
using ReversePaas.Persistence.Search;
using ReversePaas.Sdk;

namespace ReversePaas.Host.Tests.Platform;

/// <summary>The search toggle on both engines: exact queries give the same after-sales from the read model and from the tables.</summary>
public abstract class SearchTests
{
    protected abstract Task<string> NewDatabaseAsync();

    protected abstract bool Fuzzy { get; }

    [Fact]
    public async Task Exact_queries_give_the_same_result_set_with_the_read_model_on_and_off()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync(), settings: "Search:UseReadModel=true");
        var api = new ReverseApi(host);
        var fruit = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "SKU-BANANA-1", 2, 5m).Line(2, "SKU-KIWI-9", 2, 6m);
        var other = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "SKU-KIWI-9", 1, 6m);
        await api.RegisterAsync(fruit);
        await api.RegisterAsync(other);
        var banana = (await api.OkAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey,
            new { orderId = fruit.OrderId, type = "RefundOnly", reason = "bruised skin", lines = new[] { new { skuId = "SKU-BANANA-1", quantity = 1 } } }, System.Net.HttpStatusCode.Created)).As<AfterSaleResponse>().AfterSaleId;
        var kiwi = (await api.OkAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey,
            new { orderId = other.OrderId, type = "RefundOnly", reason = "too sour", lines = new[] { new { skuId = "SKU-KIWI-9", quantity = 1 } } }, System.Net.HttpStatusCode.Created)).As<AfterSaleResponse>().AfterSaleId;
        await WaitForDocumentsAsync(host, 2);

        foreach (var (query, expected) in new[] { ("sku-banana", new[] { banana }), ("kiwi", [kiwi]), ("bruised", [banana]), (fruit.OrderId, [banana]), ("item sku", [banana, kiwi]), ("nothing-like-this", []) })
        {
            var fromModel = await ListAsync(host, query, useReadModel: true);
            var fromTables = await ListAsync(host, query, useReadModel: false);
            fromModel.Should().BeEquivalentTo(fromTables, $"'{query}' must not depend on the toggle");
            fromModel.Should().BeEquivalentTo(expected, query);
        }

        // Through the API the toggle is on.
        (await api.ListAsync(RunningHost.OpsKey, "?q=KIWI")).Items.Should().ContainSingle().Which.AfterSaleId.Should().Be(kiwi);
        if (Fuzzy)
        {
            // pg_trgm's word similarity finds a misspelt SKU name; the plain substring query does not.
            (await ListAsync(host, "bananna", useReadModel: true)).Should().Equal(banana);
            (await ListAsync(host, "bananna", useReadModel: false)).Should().BeEmpty();
        }
    }

    [Fact]
    public async Task An_interrupted_back_fill_resumes_from_its_checkpoint_and_verify_proves_the_read_model_complete()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync());
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 5, 4m);
        await api.RegisterAsync(order);
        for (var i = 0; i < 5; i++)
        {
            await api.ApplyAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }]);
        }

        await WaitForDocumentsAsync(host, 5);
        // Rows that existed before the read model: wipe the documents, as after adding the read model to a running system.
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReverseDbContext>();
            db.SearchDocuments.RemoveRange(await db.SearchDocuments.ToListAsync());
            await db.SaveChangesAsync();
        }

        var before = (await api.OkAsync(HttpMethod.Get, "/api/v1/ops/search/verify", RunningHost.OpsKey)).As<SearchVerificationResult>();
        before.Consistent.Should().BeFalse();
        before.Documents.Should().Be(0);

        var interrupted = (await api.OkAsync(HttpMethod.Post, "/api/v1/ops/search/backfill?batchSize=2&maxBatches=1", RunningHost.OpsKey)).As<BackfillResult>();
        interrupted.Processed.Should().Be(2);
        interrupted.Completed.Should().BeFalse();
        var resumed = (await api.OkAsync(HttpMethod.Post, "/api/v1/ops/search/backfill?batchSize=2", RunningHost.OpsKey)).As<BackfillResult>();
        resumed.Processed.Should().Be(3, "the second run starts after the checkpoint, not from the start");
        resumed.Completed.Should().BeTrue();

        var after = (await api.OkAsync(HttpMethod.Get, "/api/v1/ops/search/verify", RunningHost.OpsKey)).As<SearchVerificationResult>();
        after.Consistent.Should().BeTrue(after.ToString());
        after.Documents.Should().Be(5);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/ops/search/backfill?batchSize=0", RunningHost.OpsKey)).Status.Should().Be(System.Net.HttpStatusCode.BadRequest);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/ops/search/backfill", RunningHost.CustomerServiceKey)).Status.Should().Be(System.Net.HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Concurrent_projections_of_one_after_sale_leave_one_document_of_its_newest_state()
    {
        // Paused: no host delivers, so the race below starts with no document at all (the insert-insert race).
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync(), settings: "Outbox:Paused=true");
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "SKU-PEAR-3", 1, 10m);
        await api.RegisterAsync(order);
        var id = (await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "SKU-PEAR-3", quantity = 1 }])).AfterSaleId;
        var applied = await LoadAsync(host, id);
        await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Reject" });
        OutboxMessage latest;
        using (var scope = host.Services.CreateScope())
        {
            latest = await scope.ServiceProvider.GetRequiredService<ReverseDbContext>().OutboxMessages.AsNoTracking()
                .Where(m => m.Key == id && m.Topic == OutboxTopics.AfterSaleChanged).OrderBy(m => m.Id).LastAsync();
        }

        var rejected = await LoadAsync(host, id);
        rejected.Version.Should().BeGreaterThan(applied.Version);
        using var check = host.Services.CreateScope();
        var checkDb = check.ServiceProvider.GetRequiredService<ReverseDbContext>();

        // Eight deliveries at once, as hosts delivering the same message, none finding a document yet.
        await RaceAsync(host, 8, (_, _, deliver) => deliver(latest));
        (await checkDb.SearchDocuments.AsNoTracking().Where(d => d.AfterSaleId == id).ToListAsync())
            .Should().ContainSingle().Which.Should().BeEquivalentTo(Project(rejected), o => o.Excluding(d => d.IndexedAt));

        // Again from no document, half the writers with the state before the review (a consumer that loaded it
        // earlier): whatever the order, the newest state wins.
        await checkDb.SearchDocuments.Where(d => d.AfterSaleId == id).ExecuteDeleteAsync();
        await RaceAsync(host, 12, (i, db, deliver) => i % 2 == 0 ? SearchDocumentWriter.UpsertAsync(db, Project(applied), default) : deliver(latest));
        var documents = await checkDb.SearchDocuments.AsNoTracking().Where(d => d.AfterSaleId == id).ToListAsync();
        documents.Should().ContainSingle().Which.Should().BeEquivalentTo(Project(rejected), o => o.Excluding(d => d.IndexedAt));
        (await SearchDocumentWriter.UpsertAsync(checkDb, Project(applied), default)).Should().BeFalse("a stale document never replaces a newer one");
        (await checkDb.SearchDocuments.AsNoTracking().SingleAsync(d => d.AfterSaleId == id)).Status.Should().Be("Rejected");
        if (checkDb.Database.IsSqlite())
        {
            // The FTS table follows the document through the upsert's triggers: one row, the latest text.
            var indexed = await checkDb.Database.SqlQuery<string>($"""SELECT "text" AS "Value" FROM "after_sale_search_fts" WHERE "after_sale_id" = {id}""").ToListAsync();
            indexed.Should().Equal(documents[0].Text);
        }
    }

    [Fact]
    public async Task A_prepared_pass_writes_its_batch_of_documents_at_once_and_still_never_replaces_a_newer_one()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync(), settings: "Outbox:Paused=true");
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "SKU-FIG-1", 1, 10m).Line(2, "SKU-PLUM-2", 1, 12.34m);
        await api.RegisterAsync(order);
        var fig = (await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "SKU-FIG-1", quantity = 1 }])).AfterSaleId;
        var plum = (await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "SKU-PLUM-2", quantity = 1 }])).AfterSaleId;
        var figApplied = await LoadAsync(host, fig);
        var plumApplied = await LoadAsync(host, plum);
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReverseDbContext>();
        var newer = Project(plumApplied);
        newer.Version += 5;
        newer.Status = "Completed";
        await SearchDocumentWriter.UpsertAsync(db, newer, default);

        var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.Topic == OutboxTopics.AfterSaleChanged).OrderBy(m => m.Id).ToListAsync();
        messages.Select(m => m.Key).Should().Equal(fig, plum);
        var consumer = scope.ServiceProvider.GetServices<IOutboxConsumer>().Single(c => c.Name == "search-model");
        await consumer.PrepareAsync(messages, default);

        var documents = await db.SearchDocuments.AsNoTracking().OrderBy(d => d.AfterSaleId).ToDictionaryAsync(d => d.AfterSaleId);
        documents.Should().HaveCount(2);
        documents[fig].Should().BeEquivalentTo(Project(figApplied), o => o.Excluding(d => d.IndexedAt));
        (documents[plum].Version, documents[plum].Status).Should().Be((newer.Version, "Completed"), "the batch held an older state of it");

        // Delivery after preparing writes nothing more for the state it wrote: the fig's row stays as the batch left it.
        await db.SearchDocuments.Where(d => d.AfterSaleId == fig).ExecuteUpdateAsync(set => set.SetProperty(d => d.Text, "marker"));
        await consumer.HandleAsync(messages[0], default);
        (await db.SearchDocuments.AsNoTracking().SingleAsync(d => d.AfterSaleId == fig)).Text.Should().Be("marker");
    }

    [Fact]
    public async Task Two_hosts_writing_batches_of_the_same_documents_in_opposite_orders_at_once_both_succeed()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync(), settings: "Outbox:Paused=true");
        var ids = Enumerable.Range(0, 40).Select(i => $"AS-batch-{i:D2}").ToList();
        for (var round = 1; round <= 30; round++)
        {
            var version = round;
            // Each writer on a scope (and connection) of its own, as on two hosts; a batch holds its rows' locks to its end.
            await RaceAsync(host, 2, (i, db, _) => SearchDocumentWriter.UpsertAllAsync(
                db, [.. (i == 0 ? ids : Enumerable.Reverse(ids)).Select(id => Document(id, version))], default));
        }

        using var scope = host.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ReverseDbContext>().SearchDocuments.AsNoTracking().ToListAsync();
        stored.Select(d => (d.AfterSaleId, d.Version)).Should().BeEquivalentTo(ids.Select(id => (id, 30L)));
    }

    private static AfterSaleSearchDocument Document(string afterSaleId, long version) => new()
    {
        AfterSaleId = afterSaleId,
        OrderId = "O-batch",
        UserId = "u-1",
        VenderId = "v-1",
        Status = "PendingReview",
        Type = "RefundOnly",
        Text = $"{afterSaleId} batch",
        Version = version,
        CreatedAt = DateTimeOffset.UnixEpoch,
        IndexedAt = DateTimeOffset.UnixEpoch,
    };

    // Starts `count` writers together, each on a scope (and connection) of its own as on separate hosts; `deliver` runs
    // the search consumer and saves after it, as the dispatcher does. Any writer's exception fails the test.
    private static async Task RaceAsync(RunningHost host, int count, Func<int, ReverseDbContext, Func<OutboxMessage, Task>, Task> write)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReverseDbContext>();
            var consumer = scope.ServiceProvider.GetServices<IOutboxConsumer>().Single(c => c.Name == "search-model");
            await db.Database.OpenConnectionAsync();
            await start.Task;
            await write(i, db, async message =>
            {
                await consumer.HandleAsync(message, default);
                await db.SaveChangesAsync();
            });
        })).ToList();
        start.SetResult();
        await Task.WhenAll(writers);
    }

    private static async Task<AfterSale> LoadAsync(RunningHost host, string id)
    {
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ReverseDbContext>().AfterSales.AsNoTracking().Include(a => a.Lines).SingleAsync(a => a.AfterSaleId == id);
    }

    private static AfterSaleSearchDocument Project(AfterSale sale)
    {
        var document = new AfterSaleSearchDocument();
        SearchDocumentProjection.Apply(document, sale, DateTimeOffset.UtcNow);
        return document;
    }

    private static async Task<IReadOnlyList<string>> ListAsync(RunningHost host, string text, bool useReadModel)
    {
        using var scope = host.Services.CreateScope();
        var queries = new AfterSaleQueries(scope.ServiceProvider.GetRequiredService<ReverseDbContext>(), new SearchOptions { UseReadModel = useReadModel });
        var (items, _) = await queries.ListAsync(new AfterSaleFilter(null, null, null, null, text, 1, 100), new Actor(ActorRole.Ops, "ops"), default);
        return [.. items.Select(i => i.AfterSaleId)];
    }

    private static async Task WaitForDocumentsAsync(RunningHost host, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var scope = host.Services.CreateScope();
            if (await scope.ServiceProvider.GetRequiredService<ReverseDbContext>().SearchDocuments.CountAsync() >= count)
            {
                return;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the outbox should have indexed the after-sales");
            await Task.Delay(25); // polling a condition with a bound
        }
    }
}
