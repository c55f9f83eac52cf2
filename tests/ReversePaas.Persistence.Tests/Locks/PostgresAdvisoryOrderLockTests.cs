using Npgsql;
using ReversePaas.Kernel.Domain;
using ReversePaas.Persistence.Locks;

namespace ReversePaas.Persistence.Tests.Locks;

/// <summary>
/// The PostgreSQL advisory order lock against the real server: mutual exclusion across hosts (one lock object and
/// connection pool each), independence across orders, the wait timeout, release when the holder's session dies, and
/// a database that cannot be reached — each a 503-class <see cref="TransientConflictException"/>, never anything else.
/// </summary>
public sealed class PostgresAdvisoryOrderLockTests
{
    [Fact]
    public async Task Holders_of_one_order_on_two_hosts_never_overlap()
    {
        var database = await TestDatabases.NewPostgresAsync();
        await using var hostA = new PostgresAdvisoryOrderLock(database);
        await using var hostB = new PostgresAdvisoryOrderLock(database);
        var (maxInside, counter) = await ExclusionProbe.RunAsync([hostA, hostB], tasksPerHost: 6, cycles: 40);

        maxInside.Should().Be(1);
        counter.Should().Be(2 * 6 * 40);
    }

    [Fact]
    public async Task A_held_order_times_out_others_do_not_wait_and_it_is_free_after_release()
    {
        var database = await TestDatabases.NewPostgresAsync();
        await using var hostA = new PostgresAdvisoryOrderLock(database);
        await using var hostB = new PostgresAdvisoryOrderLock(database);

        var held = await hostA.AcquireAsync("O-busy", TimeSpan.FromSeconds(5), default);
        var busy = async () => await hostB.AcquireAsync("O-busy", TimeSpan.FromMilliseconds(200), default);
        (await busy.Should().ThrowAsync<TransientConflictException>()).Which.Message.Should().Contain("O-busy").And.Contain("busy");
        await using (await hostB.AcquireAsync("O-other", TimeSpan.FromMilliseconds(200), default))
        {
            // another order of the same database is not held up
        }

        await held.DisposeAsync();
        await using (await hostB.AcquireAsync("O-busy", TimeSpan.FromSeconds(5), default))
        {
            // free once released
        }
    }

    [Fact]
    public async Task A_holder_whose_session_dies_loses_the_lock_to_the_next_host()
    {
        var database = await TestDatabases.NewPostgresAsync();
        await using var dying = new PostgresAdvisoryOrderLock(database);
        await using var survivor = new PostgresAdvisoryOrderLock(database);
        var held = await dying.AcquireAsync("O-crash", TimeSpan.FromSeconds(5), default);

        // The host's process is gone: its database session ends, as when the server notices a dead client.
        var key = PostgresAdvisoryOrderLock.KeyOf("O-crash");
        await using (var admin = new NpgsqlConnection(database))
        {
            await admin.OpenAsync();
            await using var terminate = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND ((classid::bigint << 32) | objid::bigint) = $1", admin);
            terminate.Parameters.Add(new NpgsqlParameter { Value = key });
            (await terminate.ExecuteScalarAsync()).Should().Be(true);
        }

        await using (await survivor.AcquireAsync("O-crash", TimeSpan.FromSeconds(10), default))
        {
            // taken over
        }

        await held.DisposeAsync(); // releasing on a dead session is harmless
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_is_a_transient_conflict()
    {
        await using var unreachable = new PostgresAdvisoryOrderLock("Host=127.0.0.1;Port=1;Username=nobody;Password=x;Database=none;Timeout=2");
        var acquire = async () => await unreachable.AcquireAsync("O-1", TimeSpan.FromSeconds(1), default);
        (await acquire.Should().ThrowAsync<TransientConflictException>()).Which.Message.Should().Contain("cannot be reached");
    }

    [Fact]
    public void The_key_of_an_order_is_the_same_everywhere_and_differs_between_orders()
    {
        PostgresAdvisoryOrderLock.KeyOf("O-1").Should().Be(PostgresAdvisoryOrderLock.KeyOf("O-1"));
        PostgresAdvisoryOrderLock.KeyOf("O-1").Should().NotBe(PostgresAdvisoryOrderLock.KeyOf("O-2"));
    }
}
