using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Domain;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Extensions.Budget;
using ReversePaas.Kernel.Extensions.Fields;
using ReversePaas.Kernel.Orders;
using ReversePaas.Kernel.Telemetry;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Application;

namespace ReversePaas.Kernel.Activities;

/// <summary>
/// Activity 1, Application: one entry for users, merchants and customer service. Under the order's lock it runs
/// the identity's interceptors, eligibility, split matching and refund calculation, checks quantities against
/// what is still claimable and money against the ledger, opens the after-sale and hands it to review.
/// </summary>
public sealed class ApplicationActivity
{
    private readonly IReverseStore _store;
    private readonly AfterSaleWork _work;
    private readonly ExtensionRuntime _extensions;
    private readonly TimeProvider _time;

    public ApplicationActivity(IReverseStore store, AfterSaleWork work, ExtensionRuntime extensions, TimeProvider time)
    {
        _store = store;
        _work = work;
        _extensions = extensions;
        _time = time;
    }

    /// <summary>Applies. Refusals throw <see cref="DomainRuleException"/> (409) or <see cref="DomainValidationException"/> (400).</summary>
    public async Task<ApplyResult> ApplyAsync(ApplyCommand command, CancellationToken cancellationToken)
    {
        using var activity = KernelTracing.Activities.StartActivity("apply");
        activity?.SetTag("reversepaas.type", command.Type.ToString());
        if (command.Type == AfterSaleType.Cancel)
        {
            throw new DomainValidationException("type", "Cancellations are made with POST /api/v1/orders/{orderId}/cancel.");
        }

        if (await ReplayAsync(command, cancellationToken) is { } replay)
        {
            return replay;
        }

        return await _work.OnOrderAsync(command.OrderId, command.Applicant, async order =>
        {
            // Checked again under the lock: two identical requests racing must create one after-sale.
            if (await ReplayAsync(command, cancellationToken) is { } raced)
            {
                return raced;
            }

            var claims = await _store.ClaimsOfOrderAsync(order.OrderId, cancellationToken);
            var sale = Open(order, claims, command);
            _store.Add(sale, command.IdempotencyKey, command.Fingerprint);
            return new ApplyResult(sale, false);
        }, cancellationToken);
    }

    private AfterSale Open(Order order, OrderClaims claims, ApplyCommand command)
    {
        var now = _time.GetUtcNow();
        var identity = BusinessIdentity.Parse(order.BusinessIdentity);
        var snapshot = _extensions.Current;
        var profile = snapshot.For(identity);
        var view = order.ToView();
        // Input faults come before business rules: a bad field is a 400 whatever the order's state.
        var fields = PluginFieldsCheck.Check(snapshot, identity, command.Extensions);
        var context = new ApplicationContext
        {
            Identity = identity,
            Settings = profile.Settings,
            Order = view,
            Type = command.Type,
            Reason = command.Reason,
            Lines = command.Lines,
            Evidence = command.Evidence,
            PickupAt = command.PickupAt,
            Applicant = command.Applicant,
            Now = now,
            Fields = fields,
        };
        var ran = new List<ExtensionResolution>();

        var interceptors = snapshot.Chain<IApplicationInterceptor>(identity);
        for (var i = 0; i < interceptors.Count; i++)
        {
            var verdict = ExtensionCall.Run(interceptors[i], interceptors.Resolution, interceptors.Extensions[i], context, static (x, c) => x.Inspect(c));
            if (verdict.IsRejected)
            {
                throw new DomainRuleException(ReasonCodes.RejectedByBusinessLine,
                    $"{verdict.Reason} (rule '{interceptors.Extensions[i].Id}' of {interceptors.Extensions[i].Origin} for '{identity}')");
            }
        }

        ran.Add(interceptors.Resolution);

        var eligibility = snapshot.Single<IEligibilityPolicy>(identity);
        var eligible = eligibility.Invoke(context, static (p, c) => p.Check(c));
        ran.Add(eligibility.Resolution);
        if (eligible.IsRejected)
        {
            throw new DomainRuleException(ReasonCodes.NotEligible, eligible.Reason!);
        }

        var matcher = snapshot.Single<ISplitLineMatcher>(identity);
        ran.Add(matcher.Resolution);
        var replacements = new Dictionary<int, string>();
        var claimed = ClaimLines(order, view, command, claims, matcher, replacements);

        var sale = ClaimOpening.Open(snapshot, order, view, claims, claimed,
            new ClaimRequest(command.Type, command.Reason, command.Applicant, command.Evidence, command.PickupAt) { Fields = fields, Replacements = replacements }, now);
        sale.KeepProtectedPickupAddress(command.ProtectedPickupAddress);
        foreach (var resolution in ran)
        {
            sale.RecordCapability(resolution);
        }

        ReviewTriage.Run(sale, view, profile.Settings, snapshot, now);
        return sale;
    }

    private static List<ClaimedLine> ClaimLines(Order order, Sdk.Orders.OrderView view, ApplyCommand command, OrderClaims claims, Resolved<ISplitLineMatcher> matcher, Dictionary<int, string> replacements)
    {
        if (command.Lines.Count == 0)
        {
            throw new DomainValidationException("lines", "Name at least one line.");
        }

        // Entries naming the same split line add up (seed 001: a skuList with the same SKU twice claims two units).
        var merged = new List<(Sdk.Orders.OrderLineView Line, int Quantity, decimal? Amount, int? MissingGrams)>();
        for (var i = 0; i < command.Lines.Count; i++)
        {
            var requested = command.Lines[i];
            if (requested.RefundAmount is not null && command.Type != AfterSaleType.RefundOnly)
            {
                throw new DomainValidationException($"lines[{i}].refundAmount", "A partial refund amount is only for RefundOnly after-sales.");
            }

            if (requested.MissingWeightGrams is not null && command.Type != AfterSaleType.RefundOnly)
            {
                throw new DomainValidationException($"lines[{i}].missingWeightGrams", "A weight difference is only for RefundOnly after-sales.");
            }

            if (requested.ReplacementSkuId is not null && command.Type != AfterSaleType.Exchange)
            {
                throw new DomainValidationException($"lines[{i}].replacementSkuId", "A replacement SKU is only for Exchange lines.");
            }

            var match = matcher.Invoke(requested, (m, r) => m.Match(r, view.Lines));
            if (match.Line is not { } line)
            {
                throw new DomainRuleException(match.IsAmbiguous ? ReasonCodes.AmbiguousLine : ReasonCodes.UnmatchedLine, $"lines[{i}]: {match.Reason}");
            }

            if (requested.ReplacementSkuId is { } replacement
                && !string.Equals(replacements.GetValueOrDefault(line.LineNo, replacement), replacement, StringComparison.Ordinal))
            {
                throw new DomainValidationException($"lines[{i}].replacementSkuId", $"Line {line.LineNo} is named twice with different replacements: name one.");
            }

            if (requested.ReplacementSkuId is { } named)
            {
                replacements[line.LineNo] = named;
            }

            var at = merged.FindIndex(m => m.Line.LineNo == line.LineNo);
            if (at < 0)
            {
                merged.Add((line, requested.Quantity, requested.RefundAmount, requested.MissingWeightGrams));
                continue;
            }

            var previous = merged[at];
            if ((previous.Amount is null) != (requested.RefundAmount is null))
            {
                throw new DomainValidationException($"lines[{i}].refundAmount", $"Line {line.LineNo} is named twice, once with a refundAmount and once without: give it once.");
            }

            merged[at] = (line, previous.Quantity + requested.Quantity, previous.Amount + requested.RefundAmount,
                previous.MissingGrams is null && requested.MissingWeightGrams is null ? null : (previous.MissingGrams ?? 0) + (requested.MissingWeightGrams ?? 0));
        }

        foreach (var (line, quantity, _, _) in merged)
        {
            var remaining = claims.Remaining(order.Line(line.LineNo));
            if (quantity > remaining)
            {
                throw new DomainRuleException(ReasonCodes.QuantityOverClaimable,
                    $"Line {line.LineNo} (SKU '{line.SkuId}'): {quantity} asked, but only {remaining} of {line.Quantity} ordered are still claimable ({claims.Quantity(line.LineNo)} claimed by other after-sales).");
            }
        }

        return [.. merged.Select(m => new ClaimedLine
        {
            Line = m.Line,
            Quantity = m.Quantity,
            RequestedAmount = m.Amount,
            MissingWeightGrams = m.MissingGrams,
            AlreadyClaimedQuantity = claims.Quantity(m.Line.LineNo),
            AlreadyClaimedAmount = claims.Amount(m.Line.LineNo),
        })];
    }

    private async Task<ApplyResult?> ReplayAsync(ApplyCommand command, CancellationToken cancellationToken)
    {
        if (command.IdempotencyKey is not { } key
            || await _store.FindByIdempotencyKeyAsync(command.Applicant, key, command.OrderId, cancellationToken) is not var (earlier, fingerprint))
        {
            return null;
        }

        return string.Equals(fingerprint, command.Fingerprint, StringComparison.Ordinal)
            ? new ApplyResult(earlier, true)
            : throw new IdempotencyKeyReusedException(key, earlier.AfterSaleId);
    }
}
