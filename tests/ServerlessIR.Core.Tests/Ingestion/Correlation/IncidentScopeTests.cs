using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Correlation;

namespace ServerlessIR.Core.Tests.Ingestion.Correlation;

public sealed class IncidentScopeTests
{
    private static Signal Signal(string id = "sig-1", string[]? categories = null, string[]? jurisdictions = null, long? subjects = null,
        bool malicious = false, string? aiSystem = "checkout-fraud-scoring") => new()
    {
        Id = id,
        Source = "serverlessir",
        Kind = "ai-data-leak",
        OccurredAt = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero),
        AiSystemId = aiSystem,
        DataCategories = categories ?? ["contact"],
        Jurisdictions = jurisdictions ?? ["DE"],
        SubjectCount = subjects ?? 100,
        Malicious = malicious,
        Summary = "leak",
        PayloadRef = "blob:raw-alerts/" + id,
    };

    private static readonly IncidentScope First = IncidentScope.Of([Signal()]);

    [Fact]
    public void Widens_SameFactsFewerPeople_False()
    {
        Assert.False(First.Widens(Signal("sig-2", subjects: 40)));
    }

    [Theory]
    [InlineData("category")]
    [InlineData("jurisdiction")]
    [InlineData("people")]
    [InlineData("malice")]
    public void Widens_OneNewFact_True(string fact)
    {
        var signal = fact switch
        {
            "category" => Signal("sig-2", categories: ["contact", "payment-card"]),
            "jurisdiction" => Signal("sig-2", jurisdictions: ["FR"]),
            "people" => Signal("sig-2", subjects: 101),
            _ => Signal("sig-2", malicious: true),
        };

        Assert.True(First.Widens(signal));
    }

    [Fact]
    public void Widens_AiSystemWhereNoneWasNamed_True()
    {
        var scope = IncidentScope.Of([Signal(aiSystem: null)]);

        Assert.True(scope.Widens(Signal("sig-2")));
        Assert.False(First.Widens(Signal("sig-2", aiSystem: null)));
    }

    [Fact]
    public void Including_WideningSignal_ScopeHoldsBothAndNoLongerWidens()
    {
        var wider = Signal("sig-2", categories: ["payment-card"], jurisdictions: ["FR"], subjects: 5_000, malicious: true);

        var scope = First.Including(wider);

        Assert.Equal(["contact", "payment-card"], scope.DataCategories);
        Assert.Equal(["DE", "FR"], scope.Jurisdictions);
        Assert.Equal(5_000, scope.MaxSubjects);
        Assert.True(scope.Malicious);
        Assert.False(scope.Widens(wider));
        Assert.False(scope.Widens(Signal("sig-3")));
    }

    [Fact]
    public void Including_SignalThatAddsNothing_SameScope()
    {
        Assert.Same(First, First.Including(Signal("sig-2", subjects: 1)));
    }

    [Fact]
    public void ToSignal_FromJoinedSignal_KeepsTheFactsScopeReads()
    {
        var signal = Signal("sig-2", categories: ["payment-card"], subjects: 7, malicious: true);

        var back = JoinedSignal.From(signal, "sha256:00").ToSignal();

        Assert.Equal(IncidentScope.Of([signal]), IncidentScope.Of([back]), ScopeComparer.Instance);
        Assert.Equal(signal.PayloadRef, back.PayloadRef);
        Assert.Empty(back.Summary);
    }

    private sealed class ScopeComparer : IEqualityComparer<IncidentScope>
    {
        public static readonly ScopeComparer Instance = new();

        public bool Equals(IncidentScope? x, IncidentScope? y) =>
            x is not null && y is not null && x.DataCategories.SequenceEqual(y.DataCategories) && x.Jurisdictions.SequenceEqual(y.Jurisdictions)
            && x.MaxSubjects == y.MaxSubjects && x.Malicious == y.Malicious && x.AiSystemId == y.AiSystemId;

        public int GetHashCode(IncidentScope obj) => obj.MaxSubjects.GetHashCode();
    }
}
