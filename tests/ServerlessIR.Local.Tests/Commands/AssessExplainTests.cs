using ServerlessIR.Local.Commands;

namespace ServerlessIR.Local.Tests.Commands;

/// <summary><c>ir assess --explain</c> (issue 14, build item 4): per regime why, the rule's source and dates, counting steps, other readings.</summary>
public sealed class AssessExplainTests
{
    private static readonly string SamplePath = Path.Combine(AppContext.BaseDirectory, "Samples", "Assessment", "breach-facts.sample.json");

    private static (int Exit, string Stdout, string Stderr) Explain(string path)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = AssessCommand.Run(path, null, stdout, stderr, explain: true);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Run_SampleExplained_EveryRegimeWithWhyRuleAndCounting()
    {
        var (exit, stdout, stderr) = Explain(SamplePath);

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Contains("== gdpr-art33: applies (1 obligation)", stdout, StringComparison.Ordinal);
        Assert.Contains("in force from 2018-05-25", stdout, StringComparison.Ordinal);
        Assert.Contains("== dora-initial: does not apply", stdout, StringComparison.Ordinal);
        Assert.Contains("why: GDPR Art. 33: one-stop shop", stdout, StringComparison.Ordinal);
        // SEC: four business days from Sat 28 Nov 2026 skip the weekend, and the EDGAR cut-off is the other reading (17 CFR 232.13).
        Assert.Contains("2026-11-29 (Sunday) skipped: weekend", stdout, StringComparison.Ordinal);
        Assert.Contains("dated the next business day (17 CFR 232.13(a)(2)", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\"obligations\"", stdout, StringComparison.Ordinal);
    }

    // Brazil over Good Friday 2030: the holiday is skipped by name with its source (Lei 9.093/1995) and its other reading.
    [Fact]
    public void Run_BrazilOverGoodFriday_NamesTheSkippedHolidayAndTheOtherReading()
    {
        var path = Path.Combine(Path.GetTempPath(), $"facts-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            { "awareAt": "2030-04-18T12:00:00Z", "jurisdictions": ["BR"], "dataCategories": ["financial"], "subjectCount": 5000,
              "malicious": true, "lossOfConfidentiality": true }
            """);
        try
        {
            var (exit, stdout, _) = Explain(path);

            Assert.Equal(0, exit);
            Assert.Contains("2030-04-19 (Friday) skipped: Sexta-feira da Paixão (Good Friday), public holiday in BR (Lei nº 9.093", stdout, StringComparison.Ordinal);
            Assert.Contains("~ Strictly a municipal religious holiday", stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Run_WithoutExplain_StaysJson()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        Assert.Equal(0, AssessCommand.Run(SamplePath, null, stdout, stderr));
        Assert.StartsWith("{", stdout.ToString(), StringComparison.Ordinal);
    }
}
