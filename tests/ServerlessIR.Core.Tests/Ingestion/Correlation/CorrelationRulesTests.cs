using System.Text.Json;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Correlation;

namespace ServerlessIR.Core.Tests.Ingestion.Correlation;

public sealed class CorrelationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromHours(6);
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromSeconds(60);

    private static Signal Signal(string? aiSystem = null, string? principal = null, string? org = null) => new()
    {
        Id = "sig-1",
        Source = "salesforce",
        Kind = "ApiAnomalyEvent",
        OccurredAt = new DateTimeOffset(2026, 11, 29, 23, 30, 0, TimeSpan.FromHours(-3)),
        AiSystemId = aiSystem,
        PrincipalPseudonym = principal,
        OrgId = org,
        Summary = "anomaly",
        PayloadRef = "payload/1",
    };

    [Fact]
    public void Keys_AiSystemAndPrincipal_AiSystemFirst()
    {
        var keys = CorrelationRules.Keys(Signal(aiSystem: "checkout-fraud-scoring", principal: "p-1", org: "00D1"));

        Assert.Equal(["ai:checkout-fraud-scoring", "principal:00D1/p-1"], keys);
    }

    [Fact]
    public void Keys_NothingNamed_OrgAndKind()
    {
        Assert.Equal(["org:00D1/ApiAnomalyEvent"], CorrelationRules.Keys(Signal(org: "00D1")));
    }

    [Fact]
    public void Keys_NoOrg_SourceAndKind()
    {
        Assert.Equal(["source:salesforce/ApiAnomalyEvent"], CorrelationRules.Keys(Signal()));
    }

    [Fact]
    public void IncidentIdFor_SameDelivery_SameIdFromTheUtcDateAndTheDedupeKey()
    {
        var incoming = new IncomingEvent("e-1", "/orgs/00D1", "Salesforce.EventMonitoring.ApiAnomalyEvent", null, JsonDocument.Parse("{}").RootElement, "{}");

        var id = CorrelationRules.IncidentIdFor(incoming, Signal());

        Assert.Equal($"inc-20261130-{incoming.DedupeKey[..10]}", id);
        Assert.Equal(id, CorrelationRules.IncidentIdFor(incoming with { }, Signal()));
    }

    [Theory]
    [InlineData(IncidentInstanceState.Missing, 10, CorrelationDecision.WaitForOpener)]
    [InlineData(IncidentInstanceState.Missing, 120, CorrelationDecision.Ignore)]
    [InlineData(IncidentInstanceState.Running, 10, CorrelationDecision.Join)]
    [InlineData(IncidentInstanceState.Running, 6 * 3600, CorrelationDecision.Join)]
    [InlineData(IncidentInstanceState.Running, 6 * 3600 + 1, CorrelationDecision.Ignore)]
    [InlineData(IncidentInstanceState.Ended, 10, CorrelationDecision.FollowEnded)]
    [InlineData(IncidentInstanceState.Ended, 7 * 3600, CorrelationDecision.FollowEnded)]
    public void Decide_StateAndAge_Decision(IncidentInstanceState state, int secondsSinceOpened, CorrelationDecision expected)
    {
        var decision = CorrelationRules.Decide(state, Now.AddSeconds(-secondsSinceOpened), Now, Window, ClaimTimeout);

        Assert.Equal(expected, decision);
    }
}
