using ServerlessIR.Core.Assessment;
using Xunit;

namespace ServerlessIR.Core.Tests.Assessment;

public sealed class BreachFactsReaderTests
{
    private static IReadOnlyList<string> Errors(string json) => Assert.Throws<InvalidBreachFactsException>(() => BreachFactsReader.Read(json)).Errors;

    [Fact]
    public void Read_Sample_ReadsEveryField()
    {
        var facts = BreachFactsReader.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "Assessment", "breach-facts.sample.json")));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero), facts.AwareAt);
        Assert.Equal(["DE", "FR", "US-CA", "BR"], facts.Jurisdictions);
        Assert.Equal(12000, facts.SubjectCount);
        Assert.True(facts.Malicious);
        Assert.Equal("DE", facts.Organisation.EuMainEstablishment);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 15, 0, 0, TimeSpan.Zero), facts.Organisation.MaterialityDeterminedAt);
        Assert.Equal("bnpl-credit-scoring", facts.AiSystem!.Id);
        Assert.True(facts.AiSystem.SeriousIncident);
    }

    [Fact]
    public void Read_BadMaterialityDate_NamesTheField()
    {
        var errors = Errors("""{ "awareAt": "2026-11-27T10:00:00Z", "organisation": { "materialityDeterminedAt": "yesterday" } }""");
        var error = Assert.Single(errors);
        Assert.StartsWith("organisation.materialityDeterminedAt: not an ISO 8601 date-time", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DateTimeWithoutOffset_IsRejected()
    {
        var error = Assert.Single(Errors("""{ "awareAt": "2026-11-27T10:00:00" }"""));
        Assert.StartsWith("awareAt: not an ISO 8601 date-time", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownFields_NamesEachWithItsPath()
    {
        var errors = Errors("""{ "awareAt": "2026-11-27T10:00:00Z", "severity": 3, "organisation": { "ceo": "x" }, "aiSystem": { "model": "y" } }""");
        Assert.Contains(errors, e => e.StartsWith("severity: unknown field", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("organisation.ceo: unknown field", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("aiSystem.model: unknown field", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_WrongTypes_NameTheFields()
    {
        var errors = Errors("""{ "awareAt": "2026-11-27T10:00:00Z", "subjectCount": "many", "malicious": "yes", "jurisdictions": "DE", "organisation": [] }""");
        Assert.Contains(errors, e => e.StartsWith("subjectCount: expected a non-negative integer", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("malicious: expected true or false", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("jurisdictions: expected an array", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("organisation: expected an object", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("UK")]
    [InlineData("de")]
    [InlineData("US-XX")]
    [InlineData("EU")]
    [InlineData("DEU")]
    public void Read_BadJurisdictionCode_NamesTheIndex(string code)
    {
        var error = Assert.Single(Errors($$"""{ "awareAt": "2026-11-27T10:00:00Z", "jurisdictions": ["FR", "{{code}}"] }"""));
        Assert.StartsWith($"jurisdictions[1]: '{code}' is not an ISO 3166-1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NonEeaMainEstablishment_IsRejected()
    {
        var error = Assert.Single(Errors("""{ "awareAt": "2026-11-27T10:00:00Z", "organisation": { "euMainEstablishment": "US" } }"""));
        Assert.StartsWith("organisation.euMainEstablishment:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownEnumValues_NameTheField()
    {
        var errors = Errors("""{ "awareAt": "2026-11-27T10:00:00Z", "dataCategories": ["contact", "dna"], "aiSystem": { "seriousIncidentKind": "fire" } }""");
        Assert.Contains(errors, e => e.StartsWith("dataCategories[1]: 'dna'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("aiSystem.seriousIncidentKind: 'fire'", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_MissingAwareAt_IsRequired()
    {
        Assert.StartsWith("awareAt: required", Assert.Single(Errors("""{ "jurisdictions": ["DE"] }""")), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidJson_ReportsTheDocument()
    {
        Assert.StartsWith("(document): not valid JSON", Assert.Single(Errors("""{ "awareAt": """)), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AbsentFields_MeanFalseOrUnknown()
    {
        var facts = BreachFactsReader.Read("""{ "awareAt": "2026-11-27T11:00:00+01:00" }""");
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero), facts.AwareAt);
        Assert.Empty(facts.Jurisdictions);
        Assert.False(facts.Malicious);
        Assert.Null(facts.AiSystem);
    }

    [Fact]
    public void Read_UnintelligibleWithoutKeyCompromised_AsksForIt()
    {
        // EDPB Guidelines 9/2022 II.D: data are unintelligible only while the key is safe, so the facts must say which.
        var error = Assert.Single(Errors("""{ "awareAt": "2026-11-27T10:00:00Z", "unintelligible": true }"""));
        Assert.StartsWith("keyCompromised: required when unintelligible is true", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RiskAndSignificanceFields_AreRead()
    {
        var facts = BreachFactsReader.Read("""
            { "awareAt": "2026-11-27T10:00:00Z", "unintelligible": true, "keyCompromised": false,
              "recipientsKnown": true, "dataRetrieved": true, "elderlySubjects": true, "dataUnderSecrecy": true,
              "serviceImpact": { "unavailability": "limited", "usersAffected": 1200, "financialLossEur": 90000,
                                 "tradeSecretsExfiltrated": false, "death": false, "healthDamage": false,
                                 "severeOperationalDisruption": true },
              "organisation": { "entityType": "online-marketplace", "unionUsers": 3000000, "annualTurnoverEur": 80000000 } }
            """);
        Assert.False(facts.KeyCompromised);
        Assert.True(facts.RecipientsKnown);
        Assert.True(facts.DataRetrieved);
        Assert.True(facts.ElderlySubjects);
        Assert.True(facts.DataUnderSecrecy);
        Assert.Equal("limited", facts.ServiceImpact!.Unavailability);
        Assert.Equal(1200, facts.ServiceImpact.UsersAffected);
        Assert.True(facts.ServiceImpact.SevereOperationalDisruption);
        Assert.Equal("online-marketplace", facts.Organisation.EntityType);
        Assert.Equal(3_000_000, facts.Organisation.UnionUsers);
        Assert.Equal(80_000_000, facts.Organisation.AnnualTurnoverEur);
    }

    [Fact]
    public void Read_BadEntityTypeAndImpact_NameEachField()
    {
        var errors = Errors("""
            { "awareAt": "2026-11-27T10:00:00Z", "organisation": { "entityType": "retailer", "unionUsers": -1 },
              "serviceImpact": { "unavailability": "partial", "outage": 3 } }
            """);
        Assert.Contains(errors, e => e.StartsWith("organisation.entityType: 'retailer' is not one of online-marketplace", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("organisation.unionUsers: expected a non-negative integer", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("serviceImpact.unavailability: 'partial' is not one of none, limited, complete", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("serviceImpact.outage: unknown field", StringComparison.Ordinal));
    }
}
