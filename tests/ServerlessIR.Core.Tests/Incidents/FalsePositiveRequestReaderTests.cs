using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Core.Tests.Incidents;

public sealed class FalsePositiveRequestReaderTests
{
    [Fact]
    public void Read_Reason_TrimmedAndKeptWithWhoDeclared()
    {
        var (request, errors) = FalsePositiveRequestReader.Read("{\"reason\": \"  Red team test \"}", "soc@northwind.example");
        Assert.Empty(errors);
        Assert.Equal(new FalsePositiveRequest("soc@northwind.example", "Red team test"), request);
    }

    [Theory]
    [InlineData("{}", "reason: required")]
    [InlineData("{\"reason\": \"   \"}", "reason: required")]
    [InlineData("{\"reason\": 5}", "$.reason: ")]
    [InlineData("{\"reason\": \"a\", \"reason\": \"b\"}", "$.reason: ")]
    [InlineData("{\"reason\": \"a\", \"approvedBy\": \"me\"}", "$.approvedBy: ")]
    [InlineData("{\"reason\": \"\\ud800\"}", "$.reason: the value is not valid text")]
    [InlineData("{\"reason\": \"bell\\u0007\"}", "reason: control character U+0007")]
    [InlineData("not json", "$: ")]
    [InlineData("null", "$: the body must be a JSON object")]
    public void Read_BadBody_OneErrorNamingField(string json, string expectedStart)
    {
        var (request, errors) = FalsePositiveRequestReader.Read(json, "soc@northwind.example");
        Assert.Null(request);
        Assert.StartsWith(expectedStart, Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ReasonOverLimit_RefusedWithLimit()
    {
        var (_, errors) = FalsePositiveRequestReader.Read($"{{\"reason\": \"{new string('x', FormLimits.FreeText + 1)}\"}}", "soc@northwind.example");
        Assert.Equal($"reason: at most {FormLimits.FreeText} characters (got {FormLimits.FreeText + 1})", Assert.Single(errors));
    }
}
