using System.Text.Json;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Correlation;

namespace ServerlessIR.Core.Tests.Ingestion;

/// <summary>A smoke-test alert is its own incident and carries no fact, whatever its data says.</summary>
public sealed class SmokeTestCorrelationTests
{
    private static Signal SmokeSignal(string data)
    {
        var incoming = new IncomingEvent("e-1", "/serverlessir/ir-smoke", SmokeTestSource.EventType, DateTimeOffset.Parse("2026-11-30T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            JsonDocument.Parse(data).RootElement, data);
        return new SmokeTestSource().Normalize(incoming, new Pseudonymizer(new byte[32]), "payload/1");
    }

    [Fact]
    public void Normalize_DataNamingAnAiSystemAndPeople_CarriesNoneOfIt()
    {
        // Only the envelope counts: a smoke alert cannot name a containment target or a fact behind an obligation.
        var signal = SmokeSignal("""{"aiSystemId":"checkout-fraud-scoring","orgId":"00D","principal":{"type":"user","id":"005x"},"dataCategories":["payment-card"],"jurisdictions":["DE"],"estimatedSubjects":100000,"malicious":true}""");

        Assert.Null(signal.AiSystemId);
        Assert.Null(signal.OrgId);
        Assert.Null(signal.PrincipalPseudonym);
        Assert.Empty(signal.DataCategories);
        Assert.Empty(signal.Jurisdictions);
        Assert.Null(signal.SubjectCount);
        Assert.False(signal.Malicious);
    }

    [Fact]
    public void Keys_SmokeSignal_OnlyItsOwnDelivery()
    {
        var signal = SmokeSignal("{}");

        var key = Assert.Single(CorrelationRules.Keys(signal));

        Assert.Equal($"smoke:{signal.Id}", key);
    }

    [Fact]
    public void IncidentIdFor_SmokeSignal_StartsWithTheSmokePrefix()
    {
        var data = "{}";
        var incoming = new IncomingEvent("e-1", "/serverlessir/ir-smoke", SmokeTestSource.EventType, DateTimeOffset.UnixEpoch, JsonDocument.Parse(data).RootElement, data);

        Assert.StartsWith(SmokeTestSource.IncidentIdPrefix, CorrelationRules.IncidentIdFor(incoming, SmokeSignal(data)), StringComparison.Ordinal);
    }
}
