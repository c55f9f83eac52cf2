using System.Net;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;

namespace ReversePaas.Host.Tests.PersonalData;

/// <summary>
/// The pickup address over REST (API.md v1.1, "Personal data"), on both engines: it reads back in full for the
/// customer, customer service, ops and systems and masked (exactly) for merchants and risk control, in GET and in the
/// list; bad addresses are 400s naming the field without echoing it; the column holds ciphertext naming the Data
/// Protection key; a rotated key still reads older rows while new rows use the new key; and a second host on the same
/// database reads what the first wrote, with the one key ring of the database.
/// </summary>
public abstract class PersonalDataTests
{
    private static readonly object[] OneUnitOfA = [new { skuId = "A", quantity = 1 }];

    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task The_address_reads_in_full_for_the_customer_cs_ops_and_systems_and_masked_for_merchants_and_risk()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync());
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 10.00m);
        await api.RegisterAsync(order);

        var created = (await api.OkAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey,
            new { orderId = order.OrderId, type = "RefundOnly", lines = OneUnitOfA, pickupAddress = PickupAddresses.Body() }, HttpStatusCode.Created)).As<AfterSaleResponse>();
        created.PickupAddress.Should().Be(PickupAddresses.Plain, "the applicant reads back what it sent");
        var id = created.AfterSaleId;

        foreach (var key in new[] { RunningHost.UserKey, RunningHost.CustomerServiceKey, RunningHost.OpsKey, RunningHost.SystemKey })
        {
            (await api.SaleAsync(id, key)).PickupAddress.Should().Be(PickupAddresses.Plain, $"{key} reads it in full");
        }

        foreach (var key in new[] { RunningHost.MerchantKey, RunningHost.RiskKey })
        {
            (await api.SaleAsync(id, key)).PickupAddress.Should().Be(PickupAddresses.Masked, $"{key} reads it masked");
            (await api.ListAsync(key, $"?orderId={order.OrderId}")).Items.Should().ContainSingle().Which.PickupAddress.Should().Be(PickupAddresses.Masked);
        }

        (await api.ListAsync(RunningHost.UserKey, $"?orderId={order.OrderId}")).Items.Should().ContainSingle().Which.PickupAddress.Should().Be(PickupAddresses.Plain);
        // An action answers with the after-sale as its caller reads it.
        var reviewed = await api.ActOnAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        reviewed.PickupAddress.Should().Be(PickupAddresses.Plain);

        var without = await api.ApplyForAsync(order.OrderId, "RefundOnly", OneUnitOfA);
        without.PickupAddress.Should().BeNull();
        (await api.SaleAsync(without.AfterSaleId, RunningHost.MerchantKey)).PickupAddress.Should().BeNull();
    }

    [Fact]
    public async Task Masking_counts_characters_keeps_phone_digits_only_and_the_stored_column_is_ciphertext()
    {
        var database = await NewDatabaseAsync();
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: database);
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 10.00m);
        await api.RegisterAsync(order);

        var id = await ApplyWithAsync(api, order.OrderId, PickupAddresses.Body(phone: "+86 139-8765-4321", name: "张小明", address: "上海市浦东新区世纪大道100号"));

        (await api.SaleAsync(id, RunningHost.MerchantKey)).PickupAddress.Should().Be(new PickupAddressResponse("张**", "861******4321", "上海市浦东新***"));
        (await api.SaleAsync(id, RunningHost.CustomerServiceKey)).PickupAddress.Should().Be(new PickupAddressResponse("张小明", "+86 139-8765-4321", "上海市浦东新区世纪大道100号"));

        var stored = await StoredAddressAsync(database, id);
        stored.Should().NotBeNull();
        stored.Should().NotContain("4321").And.NotContain("张").And.NotContain("上海");
        KeyIdOf(stored!).Should().NotBeEmpty("a Data Protection payload names its key");
    }

    [Fact]
    public async Task A_bad_address_is_a_400_naming_each_field_without_echoing_it()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync());
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 10.00m);
        await api.RegisterAsync(order);

        async Task<IReadOnlyCollection<string>> RefusedAsync(object pickupAddress, string secret)
        {
            var (status, problem, response) = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey,
                new { orderId = order.OrderId, type = "RefundOnly", lines = OneUnitOfA, pickupAddress });
            status.Should().Be(HttpStatusCode.BadRequest);
            (await response.Content.ReadAsStringAsync()).Should().NotContain(secret, "a refusal does not repeat personal data");
            return [.. problem!["errors"]!.AsObject().Select(e => e.Key)];
        }

        (await RefusedAsync(new { phone = "13900001111" }, "13900001111")).Should().BeEquivalentTo("pickupAddress.name", "pickupAddress.address");
        (await RefusedAsync(new { name = "Ann Secretname", phone = "139-CALL-ME", address = "1 Road" }, "Secretname")).Should().BeEquivalentTo("pickupAddress.phone");
        (await RefusedAsync(new { name = "Ann", phone = "1234567", address = "1 Road" }, "1234567")).Should().BeEquivalentTo("pickupAddress.phone");
        (await RefusedAsync(new { name = "Ann", phone = "13900001111", address = new string('a', 257) }, "13900001111")).Should().BeEquivalentTo("pickupAddress.address");
        (await RefusedAsync(new { name = new string('n', 65), phone = "13900001111", address = "1 Road\u0000" }, "13900001111")).Should().BeEquivalentTo("pickupAddress.name", "pickupAddress.address");
        (await api.ListAsync(RunningHost.CustomerServiceKey, $"?orderId={order.OrderId}")).Items.Should().BeEmpty("nothing was stored");
    }

    [Fact]
    public async Task After_a_key_rotation_older_rows_still_read_and_new_rows_use_the_new_key()
    {
        var database = await NewDatabaseAsync();
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: database);
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 3, 10.00m);
        await api.RegisterAsync(order);
        var before = await ApplyWithAsync(api, order.OrderId, PickupAddresses.Body());
        var keys = host.Services.GetRequiredService<IKeyManager>();
        var oldKey = keys.GetAllKeys().Should().ContainSingle().Subject.KeyId;
        KeyIdOf((await StoredAddressAsync(database, before))!).Should().Be(oldKey);

        var now = DateTimeOffset.UtcNow;
        var newKey = keys.CreateNewKey(activationDate: now, expirationDate: now.AddDays(90)).KeyId;
        // The key ring is cached and refreshed in the background once the key manager says it changed; the host seals
        // with the new key from then on.
        var ring = host.Services.GetRequiredService<IKeyRingProvider>();
        await ReverseApi.WaitUntilAsync(() => Task.FromResult(ring.GetCurrentKeyRing().DefaultKeyId == newKey), "the host's key ring to take the new key as default");
        var after = await ApplyWithAsync(api, order.OrderId, PickupAddresses.Body(phone: "13800002222", name: "Bo", address: "2 New Road"));

        KeyIdOf((await StoredAddressAsync(database, after))!).Should().Be(newKey, "new rows are sealed with the newest active key");
        KeyIdOf((await StoredAddressAsync(database, before))!).Should().Be(oldKey, "older rows are not re-encrypted");
        (await api.SaleAsync(before)).PickupAddress.Should().Be(PickupAddresses.Plain, "the old key still opens older rows");
        (await api.SaleAsync(after)).PickupAddress.Should().Be(new PickupAddressResponse("Bo", "13800002222", "2 New Road"));
        (await KeyRowsAsync(database)).Should().Be(2, "both keys are kept in the database");
    }

    [Fact]
    public async Task A_second_host_on_the_same_database_reads_what_the_first_wrote_with_the_same_key()
    {
        var database = await NewDatabaseAsync();
        await using var first = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: database);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 10.00m);
        await new ReverseApi(first).RegisterAsync(order);
        var id = await ApplyWithAsync(new ReverseApi(first), order.OrderId, PickupAddresses.Body());

        await using var second = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: database);
        var onSecond = new ReverseApi(second);
        (await onSecond.SaleAsync(id)).PickupAddress.Should().Be(PickupAddresses.Plain);
        (await onSecond.SaleAsync(id, RunningHost.MerchantKey)).PickupAddress.Should().Be(PickupAddresses.Masked);
        var written = await ApplyWithAsync(onSecond, order.OrderId, PickupAddresses.Body(phone: "13700003333", name: "Cy", address: "3 Other Road"));
        (await new ReverseApi(first).SaleAsync(written)).PickupAddress.Should().Be(new PickupAddressResponse("Cy", "13700003333", "3 Other Road"));
        (await KeyRowsAsync(database)).Should().Be(1, "the second host used the first host's key from the database instead of making its own");
    }

    private static async Task<string> ApplyWithAsync(ReverseApi api, string orderId, object pickupAddress)
        => (await api.OkAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey,
            new { orderId, type = "RefundOnly", lines = OneUnitOfA, pickupAddress }, HttpStatusCode.Created)).As<AfterSaleResponse>().AfterSaleId;

    private static async Task<string?> StoredAddressAsync(string database, string afterSaleId)
    {
        await using var db = ReverseDbContexts.Open(database);
        return await db.AfterSales.AsNoTracking().Where(a => a.AfterSaleId == afterSaleId).Select(a => a.ProtectedPickupAddress).SingleAsync();
    }

    private static async Task<int> KeyRowsAsync(string database)
    {
        await using var db = ReverseDbContexts.Open(database);
        return await db.DataProtectionKeys.CountAsync();
    }

    /// <summary>The key a Data Protection payload was sealed with: a 4-byte magic header, then the key id.</summary>
    private static Guid KeyIdOf(string sealedText)
    {
        var payload = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(sealedText);
        payload[..4].Should().Equal([0x09, 0xF0, 0xC9, 0xF0], "the payload starts with Data Protection's magic header");
        return new Guid(payload.AsSpan(4, 16));
    }
}
