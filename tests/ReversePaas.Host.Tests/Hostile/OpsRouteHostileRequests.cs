using System.Net;
using ReversePaas.Host.Tests.Support;
using static ReversePaas.Host.Tests.Hostile.ExpectedProblemTypes;

namespace ReversePaas.Host.Tests.Hostile;

/// <summary>The hostile query strings of the ops search backfill, the one write route that reads its input from the query.</summary>
internal static class OpsRouteHostileRequests
{
    public static IEnumerable<HostileCase> BackfillQueries()
    {
        HostileCase Case(string category, string name, string query)
            => new(category, "ops/search-backfill", name, HttpMethod.Post, "/api/v1/ops/search/backfill" + query, RunningHost.OpsKey, () => null, HttpStatusCode.BadRequest);
        yield return Case("wrong-type", "batchSize=abc", "?batchSize=abc") with { ExpectedType = BadRequest };
        yield return Case("overflow", "batchSize=0", "?batchSize=0") with { ExpectedType = ValidationFailed };
        yield return Case("overflow", "batchSize=-1", "?batchSize=-1") with { ExpectedType = ValidationFailed };
        yield return Case("overflow", "batchSize=1e400", "?batchSize=1e400") with { ExpectedType = BadRequest };
        yield return Case("overflow", "batchSize=9223372036854775808", "?batchSize=9223372036854775808") with { ExpectedType = BadRequest };
        yield return Case("overflow", "maxBatches=-1", "?maxBatches=-1") with { ExpectedType = ValidationFailed };
        yield return Case("wrong-type", "restart=maybe", "?restart=maybe&batchSize=0") with { ExpectedType = BadRequest };
        yield return Case("unicode", "batchSize=%00", "?batchSize=%00") with { ExpectedType = BadRequest };
        yield return Case("sql-shaped", "batchSize", "?batchSize=" + Uri.EscapeDataString("1; DELETE FROM orders")) with { ExpectedType = BadRequest };
    }
}
