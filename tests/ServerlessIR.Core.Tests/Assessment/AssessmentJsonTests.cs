using ServerlessIR.Core.Assessment;

namespace ServerlessIR.Core.Tests.Assessment;

public sealed class AssessmentJsonTests
{
    [Fact]
    public void Render_MillisecondDeadline_KeepsMillisecondsAndZ()
    {
        var result = new AssessmentResult(new SeverityAssessment(3.75, "high", "SEV1", ["r"]), true, false,
        [
            new Obligation
            {
                Regime = "br-lgpd", Recipient = "ANPD", ClockStart = new DateTimeOffset(2026, 11, 18, 9, 0, 0, TimeSpan.FromHours(-3)),
                Deadline = new DateTimeOffset(2026, 11, 25, 2, 59, 59, 999, TimeSpan.Zero), DeadlineKind = "fixed",
                TimeZone = "America/Sao_Paulo", Source = "LGPD",
            },
        ]);
        var json = AssessmentJson.Render(result);
        Assert.Contains("\"clockStart\": \"2026-11-18T12:00:00Z\"", json, StringComparison.Ordinal);
        Assert.Contains("\"deadline\": \"2026-11-25T02:59:59.999Z\"", json, StringComparison.Ordinal);
        Assert.Contains("\"enisaScore\": 3.75", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_StructuredDecision_ListsRegimeAppliesReasonsAndSource()
    {
        var result = new AssessmentResult(new SeverityAssessment(1, "low", "SEV4", []), false, false, [])
        {
            Decisions = [new RegimeDecision("br-lgpd", false, ["no relevant risk: none of Art. 5's criteria"], "ANPD Res. 15/2024 Art. 5")],
        };
        var json = System.Text.Json.Nodes.JsonNode.Parse(AssessmentJson.Render(result))!;
        var decision = json["decisions"]![0]!;
        Assert.Equal("br-lgpd", (string?)decision["regime"]);
        Assert.False((bool)decision["applies"]!);
        Assert.Equal("ANPD Res. 15/2024 Art. 5", (string?)decision["source"]);
        Assert.Equal("no relevant risk: none of Art. 5's criteria", (string?)decision["reasons"]![0]);
    }
}
