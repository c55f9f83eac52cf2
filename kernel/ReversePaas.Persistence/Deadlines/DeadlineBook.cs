using Microsoft.EntityFrameworkCore;

namespace ReversePaas.Persistence.Deadlines;

/// <summary>
/// The hosts' deadlines (table <c>deadlines</c>): set, removed, listed, and claimed by one run at a time when due. All
/// times are on the caller's clock. Several hosts use it at once: setting is one upsert, claiming and finishing are
/// conditional updates, so two hosts never both claim a deadline and a run finishes only the claim it holds.
/// </summary>
public sealed class DeadlineBook(ReverseDbContext db)
{
    // One statement on both engines. A deadline set again for another time drops any claim (a run in flight for the old
    // time then finishes nothing); set again for the same time it keeps it.
    private const string SetSql =
        """
        INSERT INTO "deadlines" ("kind", "key", "due_at", "run_id", "claimed_until") VALUES ({0}, {1}, {2}, NULL, NULL)
        ON CONFLICT ("kind", "key") DO UPDATE SET "due_at" = excluded."due_at", "run_id" = NULL, "claimed_until" = NULL
        WHERE "deadlines"."due_at" <> excluded."due_at"
        """;

    /// <summary>
    /// Sets the deadline <paramref name="kind"/> of <paramref name="key"/> for <paramref name="dueAt"/>; with
    /// <paramref name="onlyIfEarlier"/> an earlier one already set is kept.
    /// </summary>
    public async Task SetAsync(string kind, string key, DateTimeOffset dueAt, bool onlyIfEarlier, CancellationToken cancellationToken)
    {
        var sql = onlyIfEarlier ? SetSql + " AND excluded.\"due_at\" < \"deadlines\".\"due_at\"" : SetSql;
        await db.Database.ExecuteSqlRawAsync(sql, [kind, key, ProviderValue(dueAt)], cancellationToken);
    }

    /// <summary>Removes the deadline, claimed or not (a run in flight then finishes nothing).</summary>
    public Task RemoveAsync(string kind, string key, CancellationToken cancellationToken)
        => db.Deadlines.Where(d => d.Kind == kind && d.Key == key).ExecuteDeleteAsync(cancellationToken);

    /// <summary>The kinds set for each of <paramref name="keys"/>, in one query.</summary>
    public async Task<ILookup<string, string>> KindsOfAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
        => (await db.Deadlines.AsNoTracking().Where(d => keys.Contains(d.Key)).Select(d => new { d.Key, d.Kind }).ToListAsync(cancellationToken))
            .ToLookup(d => d.Key, d => d.Kind, StringComparer.Ordinal);

    /// <summary>The deadlines, soonest first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<DeadlineEntry>> ListAsync(int max, CancellationToken cancellationToken)
        => await db.Deadlines.AsNoTracking().OrderBy(d => d.DueAt).ThenBy(d => d.Kind).ThenBy(d => d.Key).Take(max).ToListAsync(cancellationToken);

    /// <summary>How many deadlines are held, and when the earliest is due (null when none is): for the health check.</summary>
    public async Task<(int Count, DateTimeOffset? EarliestDue)> SummaryAsync(CancellationToken cancellationToken)
        => (await db.Deadlines.CountAsync(cancellationToken), await db.Deadlines.MinAsync(d => (DateTimeOffset?)d.DueAt, cancellationToken));

    /// <summary>
    /// Claims up to <paramref name="max"/> deadlines due at <paramref name="now"/> that no run holds (or whose run's claim
    /// lapsed), each for a new run until <paramref name="now"/> + <paramref name="lease"/>. Returns the claimed ones
    /// with their run ids; a deadline another host claimed first is not among them.
    /// </summary>
    public async Task<IReadOnlyList<DeadlineEntry>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        var due = await db.Deadlines.AsNoTracking()
            .Where(d => d.DueAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .OrderBy(d => d.DueAt).Take(max).ToListAsync(cancellationToken);
        var claimed = new List<DeadlineEntry>(due.Count);
        var until = now + lease;
        foreach (var deadline in due)
        {
            var run = Guid.NewGuid().ToString("N");
            var taken = await db.Deadlines
                .Where(d => d.Kind == deadline.Kind && d.Key == deadline.Key && d.DueAt == deadline.DueAt
                    && (d.ClaimedUntil == null || d.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.RunId, run).SetProperty(d => d.ClaimedUntil, until), cancellationToken);
            if (taken == 1)
            {
                deadline.RunId = run;
                deadline.ClaimedUntil = until;
                claimed.Add(deadline);
            }
        }

        return claimed;
    }

    /// <summary>Whether <paramref name="runId"/> still holds the deadline's claim (it was not set again, removed or re-claimed).</summary>
    public Task<bool> IsHeldByAsync(string kind, string key, string runId, CancellationToken cancellationToken)
        => db.Deadlines.AnyAsync(d => d.Kind == kind && d.Key == key && d.RunId == runId, cancellationToken);

    /// <summary>
    /// Finishes the run <paramref name="runId"/>: removes the deadline, or sets it <paramref name="again"/> (unclaimed).
    /// False when the run no longer holds it: the deadline was set again, removed or re-claimed meanwhile.
    /// </summary>
    public async Task<bool> FinishAsync(string kind, string key, string runId, DateTimeOffset? again, CancellationToken cancellationToken)
    {
        var held = db.Deadlines.Where(d => d.Kind == kind && d.Key == key && d.RunId == runId);
        var changed = again is { } at
            ? await held.ExecuteUpdateAsync(s => s.SetProperty(d => d.DueAt, at).SetProperty(d => d.RunId, (string?)null).SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), cancellationToken)
            : await held.ExecuteDeleteAsync(cancellationToken);
        return changed > 0;
    }

    /// <summary>Gives up the claim of <paramref name="runId"/> (its run could not be queued), so the next pass claims the deadline again.</summary>
    public Task ReleaseAsync(string kind, string key, string runId, CancellationToken cancellationToken)
        => db.Deadlines.Where(d => d.Kind == kind && d.Key == key && d.RunId == runId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.RunId, (string?)null).SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);

    // Raw SQL parameters bypass the model's conversions: store the time as the model maps it on this engine.
    private object ProviderValue(DateTimeOffset value)
    {
        var converter = db.Model.FindEntityType(typeof(DeadlineEntry))!.FindProperty(nameof(DeadlineEntry.DueAt))!.GetTypeMapping().Converter;
        return converter?.ConvertToProvider(value) ?? value.ToUniversalTime();
    }
}
