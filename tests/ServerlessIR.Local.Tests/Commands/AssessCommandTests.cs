using System.Text.Json;
using ServerlessIR.Local.Commands;

namespace ServerlessIR.Local.Tests.Commands;

public sealed class AssessCommandTests
{
    private static readonly string SamplePath = Path.Combine(AppContext.BaseDirectory, "Samples", "Assessment", "breach-facts.sample.json");

    [Fact]
    public void Run_Sample_WritesDesignShapedJsonAndExitsZero()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = AssessCommand.Run(SamplePath, null, stdout, stderr);
        Assert.Equal(0, code);
        Assert.Equal("", stderr.ToString());
        using var json = JsonDocument.Parse(stdout.ToString());
        var root = json.RootElement;
        Assert.Equal(["severity", "notifySupervisoryAuthority", "notifyDataSubjects", "obligations"], root.EnumerateObject().Select(p => p.Name));
        var severity = root.GetProperty("severity");
        Assert.Equal(["enisaScore", "enisaLevel", "level", "rationale"], severity.EnumerateObject().Select(p => p.Name));
        Assert.Equal("SEV1", severity.GetProperty("level").GetString());
        var first = root.GetProperty("obligations")[0];
        Assert.Equal("gdpr-art33", first.GetProperty("regime").GetString());
        Assert.Equal("2026-11-30T10:00:00Z", first.GetProperty("deadline").GetString());
        Assert.Equal("2026-11-27T10:00:00Z", first.GetProperty("clockStart").GetString());
        Assert.Equal(["regime", "recipient", "clockStart", "deadline", "deadlineKind", "timeZone", "source"],
            first.EnumerateObject().Select(p => p.Name).Take(7));
        var art34 = root.GetProperty("obligations").EnumerateArray().Single(o => o.GetProperty("regime").GetString() == "gdpr-art34");
        Assert.Equal(JsonValueKind.Null, art34.GetProperty("deadline").ValueKind);
        Assert.Equal("without-undue-delay", art34.GetProperty("deadlineKind").GetString());
        var sec = root.GetProperty("obligations").EnumerateArray().Single(o => o.GetProperty("regime").GetString() == "us-sec-8k-1.05");
        Assert.Equal("2026-12-04T04:59:59.999Z", sec.GetProperty("deadline").GetString()); // Sat 28 Nov + 4 BD -> Thu 3 Dec, EST
    }

    [Fact]
    public void Run_InvalidInput_ExitsTwoAndNamesTheField()
    {
        var path = Path.Combine(Path.GetTempPath(), $"facts-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "awareAt": "2026-11-27T10:00:00Z", "organisation": { "materialityDeterminedAt": "soon" } }""");
        try
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            Assert.Equal(2, AssessCommand.Run(path, null, stdout, stderr));
            Assert.Contains("organisation.materialityDeterminedAt: not an ISO 8601 date-time", stderr.ToString(), StringComparison.Ordinal);
            Assert.Equal("", stdout.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Run_MissingFile_ExitsTwo()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(2, AssessCommand.Run("/nonexistent/facts.json", null, stdout, stderr));
    }
}
