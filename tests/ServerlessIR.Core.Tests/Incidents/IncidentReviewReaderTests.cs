using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Core.Tests.Incidents;

public sealed class IncidentReviewReaderTests
{
    private static readonly string[] Systems = ["bnpl-credit-scoring"];

    [Fact]
    public void Read_CompleteReview_EntryPerAiSystem()
    {
        var (review, errors) = IncidentReviewReader.Read(
            """{"rootCause":"over-broad permission","controlChanges":"removed","riskRegister":[{"aiSystem":"bnpl-credit-scoring","entry":"least privilege"}]}""",
            "dpo", Systems);

        Assert.Empty(errors);
        Assert.Equal("least privilege", Assert.Single(review!.RiskRegister).Entry);
    }

    [Theory]
    [InlineData("""{"controlChanges":"removed","riskRegister":[{"aiSystem":"bnpl-credit-scoring","entry":"e"}]}""", "rootCause:")]
    [InlineData("""{"rootCause":"c","controlChanges":"  ","riskRegister":[{"aiSystem":"bnpl-credit-scoring","entry":"e"}]}""", "controlChanges:")]
    [InlineData("""{"rootCause":"c","controlChanges":"removed"}""", "riskRegister: no entry for AI system 'bnpl-credit-scoring'")]
    [InlineData("""{"rootCause":"c","controlChanges":"removed","riskRegister":[{"aiSystem":"bnpl-credit-scoring"}]}""", "riskRegister[0].entry:")]
    [InlineData("""{"rootCause":"c","controlChanges":"removed","riskRegister":[{"aiSystem":"bnpl-credit-scorng","entry":"e"}]}""", "riskRegister[0].aiSystem:")]
    public void Read_MissingOrWrongField_ErrorNamesIt(string json, string field)
    {
        var (review, errors) = IncidentReviewReader.Read(json, "dpo", Systems);

        Assert.Null(review);
        Assert.Contains(errors, e => e.StartsWith(field, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_IncidentWithoutAiSystem_NoEntryNeeded()
    {
        var (review, errors) = IncidentReviewReader.Read("""{"rootCause":"c","controlChanges":"removed"}""", "dpo", []);

        Assert.Empty(errors);
        Assert.Empty(review!.RiskRegister);
    }
}
