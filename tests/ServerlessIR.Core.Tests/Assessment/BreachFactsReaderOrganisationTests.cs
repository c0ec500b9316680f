using ServerlessIR.Core.Assessment;
using Xunit;

namespace ServerlessIR.Core.Tests.Assessment;

/// <summary>The organisation fields issue 14 added: "no EU establishment" and the DORA entity type.</summary>
public sealed class BreachFactsReaderOrganisationTests
{
    private const string Aware = "\"awareAt\": \"2026-11-27T10:00:00Z\"";

    [Fact]
    public void Read_EuMainEstablishmentNone_SaysNoEuEstablishment()
    {
        var facts = BreachFactsReader.Read($$"""{ {{Aware}}, "organisation": { "euMainEstablishment": "none" } }""");

        Assert.True(facts.Organisation.NoEuEstablishment);
        Assert.Null(facts.Organisation.EuMainEstablishment);
    }

    [Fact]
    public void Read_EuMainEstablishmentAbsent_LeavesItToThePlaybook()
    {
        var facts = BreachFactsReader.Read($$"""{ {{Aware}}, "organisation": { "euMainEstablishment": null } }""");

        Assert.False(facts.Organisation.NoEuEstablishment);
        Assert.Null(facts.Organisation.EuMainEstablishment);
    }

    [Fact]
    public void Read_EuMainEstablishmentOutsideEea_ErrorNamesFieldAndNone()
    {
        var errors = Assert.Throws<InvalidBreachFactsException>(() =>
            BreachFactsReader.Read($$"""{ {{Aware}}, "organisation": { "euMainEstablishment": "US" } }""")).Errors;

        var error = Assert.Single(errors);
        Assert.StartsWith("organisation.euMainEstablishment:", error, StringComparison.Ordinal);
        Assert.Contains("'none'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DoraEntityType_KnownTypeReadUnknownRefused()
    {
        var facts = BreachFactsReader.Read($$"""{ {{Aware}}, "organisation": { "doraEntity": true, "doraEntityType": "credit-institution" } }""");
        var errors = Assert.Throws<InvalidBreachFactsException>(() =>
            BreachFactsReader.Read($$"""{ {{Aware}}, "organisation": { "doraEntityType": "bank" } }""")).Errors;

        Assert.Equal("credit-institution", facts.Organisation.DoraEntityType);
        Assert.StartsWith("organisation.doraEntityType: 'bank' is not one of", Assert.Single(errors), StringComparison.Ordinal);
    }
}
