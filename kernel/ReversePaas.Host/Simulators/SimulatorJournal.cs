using Microsoft.EntityFrameworkCore;
using ReversePaas.Persistence.Simulation;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Simulators;

/// <summary>
/// The memory of the embedded simulators: every call (for <c>GET /api/v1/simulators/calls</c>) and the first
/// successful answer per idempotency key, so that a repeated call is answered the same and has no second effect.
/// Kept in the database, in tables of their own (<see cref="SimulatorJournalDbContext"/>), because the
/// simulators stand for external systems with a memory of their own: it survives a host restart and is shared by hosts
/// on one database. Each call works on its own short-lived context and commits on its own, never inside the caller's
/// unit of work: what an external system did stays done even when our caller's change later rolls back.
/// </summary>
internal sealed class SimulatorJournal(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>The calls answered, oldest first, optionally of one system and/or one order.</summary>
    public async Task<SimulatedCall[]> CallsAsync(string? system, string? orderId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SimulatorJournalDbContext>();
        var calls = db.SimulatorCalls.AsNoTracking();
        if (system is not null)
        {
            calls = calls.Where(c => c.System == system);
        }

        if (orderId is not null)
        {
            calls = calls.Where(c => c.OrderId == orderId);
        }

        // The database's sequence is the order calls were recorded in, whatever the hosts' clocks say.
        var rows = await calls.OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(c => new SimulatedCall(c.System, c.Operation, c.Key, c.OrderId, c.Amount, c.Outcome, c.Reference, c.Detail, c.At))];
    }

    /// <summary>
    /// Runs one simulated operation: replays a stored success for the same key, applies faults, otherwise
    /// succeeds with a deterministic reference derived from the key. Of concurrent calls for one key (from any host),
    /// exactly one succeeds; the others are answered <c>replayed</c> with its reference.
    /// </summary>
    public async Task<PortResult> RunAsync(string system, string operation, string key, string orderId, decimal? amount, string detail, SystemSimulatorOptions faults, Func<int, string?>? refusal, CancellationToken cancellationToken)
    {
        var doneKey = $"{system}:{operation}:{key}";
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SimulatorJournalDbContext>();
        var call = new SimulatorCallRecord { System = system, Operation = operation, Key = key, OrderId = orderId, Amount = amount, Detail = detail, At = time.GetUtcNow() };

        var stored = await StoredReferenceAsync(db, doneKey, cancellationToken);
        if (stored is not null)
        {
            await SaveCallAsync(db, call, "replayed", stored, null, cancellationToken);
            return PortResult.Success(stored);
        }

        if (faults.Unavailable)
        {
            await SaveCallAsync(db, call, "unavailable", "", null, cancellationToken);
            throw new PortUnavailableException(system, $"The {system} simulator is set to be unavailable (Simulators:{Capitalized(system)}:Unavailable).");
        }

        // One transaction for the attempt, the outcome and the call's row: the system's decision and its record
        // commit together. On PostgreSQL the attempt upsert also locks the key's counter row until the commit, so
        // concurrent calls for one key queue there instead of contending on the outcome's key.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var attempt = await NextAttemptAsync(db, doneKey, cancellationToken);
        var reason = faults.FailOrderIds.Contains(orderId, StringComparer.Ordinal)
            ? $"Simulated refusal: order '{orderId}' is in Simulators:{Capitalized(system)}:FailOrderIds."
            : refusal?.Invoke(attempt);
        if (reason is not null)
        {
            await SaveCallAsync(db, call, "refused", "", reason, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return PortResult.Failure(reason);
        }

        var reference = $"{system.ToUpperInvariant()[..3]}-{operation}-{key}";
        var first = await ClaimFirstSuccessAsync(db, doneKey, reference, cancellationToken);
        if (!first)
        {
            // Another call for the key succeeded in between: its answer is the answer, and nothing happens twice.
            reference = await StoredReferenceAsync(db, doneKey, cancellationToken)
                ?? throw new InvalidOperationException($"Simulator outcome '{doneKey}' conflicted but cannot be read.");
        }

        await SaveCallAsync(db, call, first ? "succeeded" : "replayed", reference, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return PortResult.Success(reference);
    }

    private static async Task SaveCallAsync(SimulatorJournalDbContext db, SimulatorCallRecord call, string outcome, string reference, string? reason, CancellationToken cancellationToken)
    {
        call.Outcome = outcome;
        call.Reference = reference;
        call.Detail = reason ?? call.Detail;
        db.SimulatorCalls.Add(call);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Task<string?> StoredReferenceAsync(SimulatorJournalDbContext db, string doneKey, CancellationToken cancellationToken)
        => db.SimulatorOutcomes.AsNoTracking().Where(o => o.DoneKey == doneKey).Select(o => o.Reference).FirstOrDefaultAsync(cancellationToken);

    // One statement counts and reads the attempt, so two hosts never both see the same number (same SQL on both engines).
    private static async Task<int> NextAttemptAsync(SimulatorJournalDbContext db, string doneKey, CancellationToken cancellationToken)
    {
        var counted = await db.Database.SqlQuery<int>(
            $"""
            INSERT INTO "simulator_attempts" ("done_key", "attempts") VALUES ({doneKey}, 1)
            ON CONFLICT ("done_key") DO UPDATE SET "attempts" = "simulator_attempts"."attempts" + 1
            RETURNING "attempts" AS "Value"
            """).ToListAsync(cancellationToken);
        return counted.Single();
    }

    // The primary key of simulator_outcomes decides: a conflicting insert does nothing (rather than failing the
    // transaction) and tells the caller it was not first.
    private async Task<bool> ClaimFirstSuccessAsync(SimulatorJournalDbContext db, string doneKey, string reference, CancellationToken cancellationToken)
    {
        var at = ProviderValue(db, time.GetUtcNow());
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "simulator_outcomes" ("done_key", "reference", "at") VALUES ({doneKey}, {reference}, {at})
            ON CONFLICT ("done_key") DO NOTHING
            """,
            cancellationToken);
        return inserted == 1;
    }

    // Raw SQL parameters bypass the model's conversions: store the time exactly as the model maps simulator_outcomes.at
    // on this engine (UTC milliseconds on SQLite, timestamp with time zone on PostgreSQL).
    private static object ProviderValue(SimulatorJournalDbContext db, DateTimeOffset at)
    {
        var converter = db.Model.FindEntityType(typeof(SimulatorOutcome))!.FindProperty(nameof(SimulatorOutcome.At))!.GetTypeMapping().Converter;
        return converter?.ConvertToProvider(at) ?? at.ToUniversalTime();
    }

    private static string Capitalized(string system) => char.ToUpperInvariant(system[0]) + system[1..];
}
