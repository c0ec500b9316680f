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
}
