using System.Text.Json;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Core.Tests.Incidents;

public sealed class FactsAmendmentReaderTests
{
    private const string By = "dpo@northwind.example";

    private static IReadOnlyList<string> Errors(string json)
    {
        var (amendment, errors) = FactsAmendmentReader.Read(json, By);
        Assert.Null(amendment);
        return errors;
    }

    private static string Body(object value) => JsonSerializer.Serialize(value);

    [Fact]
    public void Read_WithinLimits_KeepsValuesAndCaller()
    {
        var (amendment, errors) = FactsAmendmentReader.Read(Body(new
        {
            note = "  UK customers in the export\r\nper customer service  ",
            jurisdictions = new[] { "GB" },
            subjectCount = 20000,
            lawEnforcementHold = new { regimes = new[] { "us-ca-civ-1798.82" }, requestedBy = "FBI SA Jones", reason = "Ongoing investigation" },
        }), By);
        Assert.Empty(errors);
        Assert.Equal("UK customers in the export\nper customer service", amendment!.Note);
        Assert.Equal(By, amendment.AmendedBy);
        Assert.Equal("FBI SA Jones", amendment.LawEnforcementHold!.RequestedBy);
    }

    [Theory]
    [InlineData("note", FormLimits.FreeText)]
    [InlineData("lawEnforcementHold.reason", FormLimits.FreeText)]
    [InlineData("lawEnforcementHold.requestedBy", FormLimits.Name)]
    public void Read_TextOverLimit_RefusedNamingFieldAndLimit(string field, int limit)
    {
        var text = new string('x', limit + 1);
        object body = field == "note"
            ? new { note = text, subjectCount = 1 }
            : new
            {
                lawEnforcementHold = new
                {
                    requestedBy = field.EndsWith("requestedBy", StringComparison.Ordinal) ? text : "FBI",
                    reason = field.EndsWith("reason", StringComparison.Ordinal) ? text : "investigation",
                },
            };
        Assert.Contains($"{field}: at most {limit} characters (got {limit + 1})", Errors(Body(body)));
    }

    [Fact]
    public void Read_TooManyListEntries_RefusedNamingField()
    {
        var errors = Errors(Body(new { jurisdictions = Enumerable.Repeat("DE", FormLimits.ListEntries + 1) }));
        Assert.Contains($"jurisdictions: at most {FormLimits.ListEntries} entries (got {FormLimits.ListEntries + 1})", errors);
    }

    [Fact]
    public void Read_HugeUnknownCode_RefusedWithValueShortened()
    {
        var error = Assert.Single(Errors(Body(new { dataCategories = new[] { new string('z', 50_000) } })));
        Assert.StartsWith("dataCategories[0]: 'zzzz", error, StringComparison.Ordinal);
        Assert.True(error.Length < 500, error);
    }

    [Fact]
    public void Read_UnknownHoldRegime_RefusedNamingEntry() =>
        Assert.Contains("lawEnforcementHold.regimes[1]: 'gdpr-art99' is not a regime ID (docs/regimes.md)",
            Errors(Body(new { lawEnforcementHold = new { regimes = new[] { "gdpr-art33", "gdpr-art99" }, requestedBy = "BKA", reason = "r" } })));

    [Theory]
    [InlineData("awareAt", "9999-12-31T23:59:59Z")]
    [InlineData("causalLinkEstablishedAt", "1970-01-01T00:00:00Z")]
    [InlineData("materialityDeterminedAt", "2100-01-01T00:00:00Z")]
    public void Read_InstantOutsideWindow_RefusedNamingField(string field, string instant) =>
        Assert.Contains(Errors($"{{\"{field}\":\"{instant}\"}}"), e => e.StartsWith(field + ": must fall between", StringComparison.Ordinal));

    [Fact]
    public void Read_SubjectCountAboveWorld_Refused() =>
        Assert.Contains($"subjectCount: must be from 0 to {FormLimits.MaxSubjectCount}", Errors("{\"subjectCount\": 99999999999}"));

    [Theory]
    [InlineData("{\"subjectCount\": \"ten\"}", "$.subjectCount")]
    [InlineData("{\"subjectCount\": 1, \"subjectCount\": 2}", "$.subjectCount")]
    [InlineData("{\"note\": \"a\\ud800b\", \"subjectCount\": 1}", "$.note")]
    [InlineData("{\"jurisdictions\": [\"\\udc00\"]}", "$.jurisdictions[0]")]
    [InlineData("{\"malicious\": \"yes\"}", "$.malicious")]
    [InlineData("[1, 2]", "$")]
    [InlineData("{\"subjectCount\": 1", "$.subjectCount")]
    [InlineData("", "$")]
    public void Read_MalformedBody_OneErrorNamingPath(string json, string path) =>
        Assert.StartsWith(path + ": ", Assert.Single(Errors(json)), StringComparison.Ordinal);

    [Fact]
    public void Read_LoneSurrogate_SaysWhy() =>
        Assert.Contains("lone UTF-16 surrogate", Assert.Single(Errors("{\"note\": \"\\ud800\", \"malicious\": true}")), StringComparison.Ordinal);

    [Fact]
    public void Read_DeepNesting_RefusedNotThrown() =>
        Assert.Single(Errors(new string('[', 5000) + new string(']', 5000)));

    [Fact]
    public void Read_ControlCharacterInRequestedBy_Refused() =>
        Assert.Contains(Errors("{\"lawEnforcementHold\": {\"requestedBy\": \"FBI\\nSA\", \"reason\": \"r\"}}"),
            e => e.StartsWith("lawEnforcementHold.requestedBy: a line break", StringComparison.Ordinal));
}
