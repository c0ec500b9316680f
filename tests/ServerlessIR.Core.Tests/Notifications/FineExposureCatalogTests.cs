using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Core.Tests.Notifications;

public sealed class FineExposureCatalogTests
{
    [Theory]
    [InlineData("gdpr-art33", "GDPR", 20_000_000, 4, "EUR", "Art. 83(4)(a) and 83(5)(a)")]
    [InlineData("uk-gdpr-art34", "UK GDPR", 17_500_000, 4, "GBP", "s. 157")]
    [InlineData("eu-ai-act-art73", "EU AI Act", 15_000_000, 3, "EUR", "Art. 99(4)")]
    [InlineData("nis2-early-warning", "NIS2", 10_000_000, 2, "EUR", "Art. 34(4)")]
    public void For_Regime_MaximumFromItsPrimaryText(string regime, string family, long amount, int percent, string currency, string source)
    {
        var fine = Assert.Single(FineExposureCatalog.For([regime]));

        Assert.Equal(family, fine.Family);
        Assert.Equal(amount, fine.Amount);
        Assert.Equal(percent, fine.TurnoverPercent);
        Assert.Equal(currency, fine.Currency);
        Assert.Contains(source, fine.Source, StringComparison.Ordinal);
        Assert.Equal([regime], fine.Regimes);
    }

    [Fact]
    public void For_TwoDutiesOfOneLaw_OneExposureNamingBoth()
    {
        var fines = FineExposureCatalog.For(["gdpr-art33", "nis2-notification", "gdpr-art34", "nis2-early-warning"]);

        Assert.Equal(["GDPR", "NIS2"], fines.Select(f => f.Family));
        Assert.Equal(["gdpr-art33", "gdpr-art34"], fines[0].Regimes);
        Assert.Equal("EUR 20,000,000 or 4% of turnover", fines[0].Maximum);
    }

    [Fact]
    public void For_DoraWithoutUnionFigure_SaysNationalLaw()
    {
        var fine = Assert.Single(FineExposureCatalog.For(["dora-initial", "dora-final"]));

        Assert.Null(fine.Amount);
        Assert.Equal("set by national law", fine.Maximum);
        Assert.Contains("Art. 50", fine.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void For_RegimeWithoutData_SaysSoRatherThanNothing()
    {
        var fine = Assert.Single(FineExposureCatalog.For(["us-hipaa"]));

        Assert.Equal("us-hipaa", fine.Family);
        Assert.Contains("ask counsel", fine.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void All_EveryFamily_HasSourceAndPrefix() =>
        Assert.All(FineExposureCatalog.All, f =>
        {
            Assert.NotEmpty(f.Prefixes);
            Assert.False(string.IsNullOrWhiteSpace(f.Source), f.Family);
        });
}
