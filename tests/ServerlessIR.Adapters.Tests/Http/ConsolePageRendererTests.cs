using ServerlessIR.Adapters.Http;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Adapters.Tests.Http;

public sealed class ConsolePageRendererTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private const string Hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";

    private static IncidentSummary Incident(string id, IncidentStatus status, double deadlineHours, string summary = "Einstein exported contacts") => new()
    {
        Id = id,
        Status = status,
        OpenedAt = Now.AddHours(-2),
        AiSystem = "checkout-fraud-scoring",
        AiSystemName = "Checkout fraud scoring",
        Severity = new SeveritySummary("SEV1", 3.75, "high"),
        Signals = 1,
        Containment =
        [
            new ContainmentSummary("salesforce.revoke-oauth-tokens", ContainmentStatus.Succeeded, 2),
            new ContainmentSummary("salesforce.freeze-user", ContainmentStatus.Held, 0),
        ],
        Approvals = [new ApprovalSummary("salesforce.freeze-user", 1, ApprovalResult.TimedOut, null, 900)],
        Obligations =
        [
            new ObligationSummary("gdpr-art33", "BfDI", Now.AddHours(deadlineHours), "fixed", ObligationStatus.Pending,
                [new CheckpointSummary("24h", Now.AddHours(deadlineHours - 48), null)]),
        ],
        Timeline = Enumerable.Range(0, 25).Select(i => new TimelineEntry(Now.AddMinutes(-i), "step-" + i, i == 0 ? summary : "entry " + i)).ToList(),
        TimelineCount = 25,
        EvidenceRecords = 25,
        EvidenceHead = "sha256:abc",
    };

    private static string Render(IncidentSummary incident, int page = 1, string verifyPath = "/v") =>
        ConsolePageRenderer.RenderIncident(incident, page, Now, "/api/console", verifyPath);

    [Fact]
    public void RenderIncident_HostileSummary_IsEncodedAndNoMarkupOfItsOwnSurvives()
    {
        var html = Render(Incident("inc-1", IncidentStatus.Contained, 60, Hostile), verifyPath: "/api/incidents/inc-1/evidence/verify");

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Equal(1, html.Split("<script").Length - 1);
    }

    [Fact]
    public void RenderIncident_HostileIncidentId_IsEncodedInTextAndEscapedInLinks()
    {
        var html = Render(Incident("inc-\"><b>x", IncidentStatus.Open, 60));

        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("inc-&quot;&gt;&lt;b&gt;x", html, StringComparison.Ordinal);
        Assert.Contains("/api/console/incidents/inc-%22%3E%3Cb%3Ex", html, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderIncident_FirstPage_ShowsNewestTwentyAndALinkToOlder()
    {
        var html = Render(Incident("inc-1", IncidentStatus.Open, 60));

        Assert.Contains("<strong>step-0</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>step-19</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<strong>step-20</strong>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("step-0<", StringComparison.Ordinal) < html.IndexOf("step-1<", StringComparison.Ordinal));
        Assert.Contains("?page=2\">Older", html, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderIncident_SecondPage_ShowsTheRestAndALinkToNewer()
    {
        var html = Render(Incident("inc-1", IncidentStatus.Open, 60), 2);

        Assert.Contains("<strong>step-24</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<strong>step-19</strong>", html, StringComparison.Ordinal);
        Assert.Contains("?page=1\">Newer", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Older", html, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderIncident_Sections_ShowCheckpointsHeldStepAndVerifyButton()
    {
        var html = Render(Incident("inc-1", IncidentStatus.Open, 60), verifyPath: "/api/incidents/inc-1/evidence/verify");

        Assert.Contains("24h: due 2026-11-27 22:00 UTC, not yet fired", html, StringComparison.Ordinal);
        Assert.Contains("Approvers: salesforce.freeze-user is held", html, StringComparison.Ordinal);
        Assert.Contains("TimedOut", html, StringComparison.Ordinal);
        Assert.Contains("id=\"verify\" href=\"/api/incidents/inc-1/evidence/verify\"", html, StringComparison.Ordinal);
        Assert.Contains("sha256:abc", html, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderIncidentAndQueue_ExerciseIncident_BannerTitleAndRowMarked()
    {
        var exercise = Incident("exr-20261127-0001", IncidentStatus.Contained, 60, "exercise");

        var page = Render(exercise);
        var queue = ConsolePageRenderer.RenderQueue([exercise, Incident("inc-1", IncidentStatus.Open, 5)], Now, "/api/console");

        Assert.Contains("<title>EXERCISE: exr-20261127-0001", page, StringComparison.Ordinal);
        Assert.Contains("this is an exercise, not a real incident", page, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(queue, "<span class=\"exercise\">EXERCISE</span>"));
    }

    [Fact]
    public void RenderQueue_OpenAndClosed_OpenFirstByNearestDeadlineWithLiveCountdown()
    {
        var incidents = new[]
        {
            Incident("inc-closed", IncidentStatus.Closed, 1),
            Incident("inc-later", IncidentStatus.Contained, 70),
            Incident("inc-sooner", IncidentStatus.Open, 5),
        };

        var html = ConsolePageRenderer.RenderQueue(incidents, Now, "/api/console");

        var sooner = html.IndexOf("inc-sooner", StringComparison.Ordinal);
        var later = html.IndexOf("inc-later", StringComparison.Ordinal);
        var closed = html.IndexOf("inc-closed", StringComparison.Ordinal);
        Assert.True(sooner < later && later < closed, html);
        Assert.Contains("data-left=\"18000\"", html, StringComparison.Ordinal);
        Assert.Contains("2 open, 1 closed.", html, StringComparison.Ordinal);
        Assert.Contains("DPO: submit the gdpr-art33 notice to BfDI", html, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderQueue_DrillIncidentWaiting_CountsDownInIncidentTimeAtTheWaitsRate()
    {
        // Waiting since it opened two real hours ago, for 30 incident hours over three real hours (rate 10): the incident
        // has lived through twenty hours, eighteen past the real now, so a deadline 60 h after the real now is 42 incident
        // hours away.
        var opened = Now.AddHours(-2);
        var waiting = new IncidentTime(10).Waiting(opened.UtcDateTime, Now.AddHours(1).UtcDateTime, opened.AddHours(30));
        var drill = Incident("inc-drill", IncidentStatus.Open, 60) with { TimeScale = 10, Time = waiting };

        var html = ConsolePageRenderer.RenderQueue([drill], Now, "/api/console");

        Assert.Contains("data-left=\"151200\" data-scale=\"10\"", html, StringComparison.Ordinal);
    }
    [Fact]
    public void RenderIncident_OpenTask_FormsPostToTaskAndCloseRoutesAndTitleEncoded()
    {
        var task = new IncidentTask("seed-1", Hostile, "sam@northwind.example", Now.AddHours(20), "checkout-fraud-scoring", "playbook", "playbook");
        var html = Render(Incident("inc-1", IncidentStatus.Contained, 60) with { Tasks = [task] });

        Assert.Contains("action=\"/api/incidents/inc-1/tasks/seed-1\"", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/api/incidents/inc-1/tasks\"", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/api/incidents/inc-1/close\"", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/api/incidents/inc-1/false-positive\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"riskRegister.0.entry\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Equal(1, html.Split("<script").Length - 1);
    }

    [Fact]
    public void RenderIncident_Closed_ShowsReviewAndNoForms()
    {
        var review = new IncidentReview("Over-broad permission", "Removed", [new RiskRegisterEntry("checkout-fraud-scoring", "Least privilege")], "dpo@northwind.example");
        var html = Render(Incident("inc-1", IncidentStatus.Closed, 60) with { Review = review });

        Assert.Contains("Post-incident review", html, StringComparison.Ordinal);
        Assert.Contains("Least privilege", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderIncident_EmptySections_SayNoneInsteadOfAnEmptyList()
    {
        var html = Render(Incident("inc-1", IncidentStatus.Open, 60) with { Containment = [], Approvals = [], Obligations = [] });

        Assert.Contains("<h2>Containment</h2><p class=\"muted\">No steps yet.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Approvals</h2><p class=\"muted\">None asked.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Obligations</h2><p class=\"muted\">None assessed.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Tasks</h2><p class=\"muted\">None.</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<ul class=\"cards\"></ul>", html, StringComparison.Ordinal);
    }
}
