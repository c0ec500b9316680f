using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Local.Hosting;
using ServerlessIR.Local.Tests.Hosting;
using IncidentSummary = ServerlessIR.Core.Incidents.IncidentSummary;

namespace ServerlessIR.Local.Tests.Approvals;

/// <summary>The approval and notice pages on the real local host (Kestrel, Azurite, the durable engine), over HTTP.</summary>
[Trait("Category", "Storage")]
[Collection(LocalPipelineCollection.Name)]
public sealed class ApprovalPagesTests(LocalPipelineFixture fixture)
{
    private LocalPipeline Pipeline => fixture.Pipeline;

    private ApprovalTokenService Tokens => Pipeline.Services.GetRequiredService<ApprovalTokenService>();

    [Fact]
    public async Task ApprovalAndNoticePages_RealIncident_RenderRefuseRejectOnceAndMarkNoticeSubmitted()
    {
        // Start from the seeded estate: other tests in this collection contain (and leave contained) the same systems.
        Pipeline.Salesforce!.Seed(Pipeline.Playbook);
        Pipeline.Salesforce.SeedContainment(Pipeline.Playbook);
        Pipeline.AiFeatures!.SeedFrom(Pipeline.Playbook);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        using var http = new HttpClient();
        var incidentId = await ApprovalLinks.OpenIncidentAsync(Pipeline, "approval page test", timeout.Token);
        fixture.AnswerMyself(incidentId);
        var link = await ApprovalLinks.WaitForCardLinkAsync(Pipeline, incidentId, "security-lead", timeout.Token);

        // A GET (what a link scanner does) renders and consumes nothing: twice in a row works.
        for (var i = 0; i < 2; i++)
        {
            using var get = await http.SendAsync(ApprovalLinks.Get(link, "security-lead@northwind.example"), timeout.Token);
            var page = await get.Content.ReadAsStringAsync(timeout.Token);
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Contains(incidentId, page, StringComparison.Ordinal);
            Assert.Contains("salesforce.freeze-user", page, StringComparison.Ordinal);
            Assert.Contains("value=\"approve\"", page, StringComparison.Ordinal);
        }

        using (var wrong = await http.SendAsync(ApprovalLinks.Post(link, "ciso@northwind.example", new() { ["decision"] = "approve" }), timeout.Token))
        {
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
            Assert.Contains("not an approver", await wrong.Content.ReadAsStringAsync(timeout.Token), StringComparison.Ordinal);
        }
        using (var anonymous = await http.SendAsync(ApprovalLinks.Get(link, null), timeout.Token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
        using (var noReason = await http.SendAsync(ApprovalLinks.Post(link, "security-lead@northwind.example", new() { ["decision"] = "reject" }), timeout.Token))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.Contains("needs a reason", await noReason.Content.ReadAsStringAsync(timeout.Token), StringComparison.Ordinal);
        }
        using (var reject = await http.SendAsync(ApprovalLinks.Post(link, "security-lead@northwind.example",
            new() { ["decision"] = "reject", ["reason"] = "False alarm: the export was the quarterly audit" }), timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, reject.StatusCode);
            Assert.Contains("You rejected this step.", await reject.Content.ReadAsStringAsync(timeout.Token), StringComparison.Ordinal);
        }
        using (var reuse = await http.SendAsync(ApprovalLinks.Post(link, "security-lead@northwind.example", new() { ["decision"] = "approve" }), timeout.Token))
        {
            Assert.Equal(HttpStatusCode.Conflict, reuse.StatusCode);
            Assert.Contains("already used", await reuse.Content.ReadAsStringAsync(timeout.Token), StringComparison.Ordinal);
        }

        // The DPO's review e-mail for the NIS2 early-warning draft, its page, and "mark as submitted" (the incident clock is still running).
        string? noticeLink = null;
        while (noticeLink is null)
        {
            noticeLink = Pipeline.Graph!.Messages
                .Where(m => m.Kind == "mail" && m.To.Contains("dpo@northwind.example") && m.Subject!.Contains(incidentId, StringComparison.Ordinal)
                    && m.Subject.Contains("NIS2 early warning", StringComparison.Ordinal))
                .SelectMany(m => ServerlessIR.Local.Drill.DrillPeople.Links(m.Body)).FirstOrDefault();
            var state = await Pipeline.Client.GetInstanceAsync(incidentId, getInputsAndOutputs: false, timeout.Token);
            Assert.False(noticeLink is null && state?.IsCompleted == true,
                $"The incident ended ({state?.RuntimeStatus} {state?.FailureDetails?.ErrorMessage}) before the DPO's review e-mail arrived; mail seen: "
                + string.Join(" | ", Pipeline.Graph.Messages.Where(m => m.Kind == "mail").Select(m => m.Subject)));
            await Task.Delay(50, timeout.Token);
        }
        using (var notice = await http.SendAsync(ApprovalLinks.Get(noticeLink, "dpo@northwind.example"), timeout.Token))
        {
            var page = await notice.Content.ReadAsStringAsync(timeout.Token);
            Assert.Equal(HttpStatusCode.OK, notice.StatusCode);
            Assert.Contains("Mark as submitted", page, StringComparison.Ordinal);
            Assert.Contains("early warning", page, StringComparison.Ordinal);
        }
        using (var notDpo = await http.SendAsync(ApprovalLinks.Get(noticeLink, "security-lead@northwind.example"), timeout.Token))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notDpo.StatusCode);
        }
        using (var submitted = await http.SendAsync(ApprovalLinks.Post(noticeLink, "dpo@northwind.example",
            new() { ["decision"] = "submitted", ["reference"] = "HH-TEST-7" }), timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }

        var done = await Pipeline.Client.WaitForInstanceCompletionAsync(incidentId, getInputsAndOutputs: true, timeout.Token);
        var summary = done.ReadOutputAs<IncidentSummary>()!;
        var warning = Assert.Single(summary.Obligations, o => o.Regime == "nis2-early-warning");
        Assert.True(warning.Status == ObligationStatus.Submitted && warning.Reference == "HH-TEST-7",
            $"{warning.Status} {warning.Reference}: " + string.Join(" | ", summary.Timeline.TakeLast(12).Select(t => t.Kind + " " + t.Summary)));
        var approval = Assert.Single(summary.Approvals);
        Assert.Equal((ApprovalResult.Rejected, "security-lead@northwind.example", "False alarm: the export was the quarterly audit"), (approval.Decision, approval.By, approval.Reason));
        Assert.Equal(ContainmentStatus.Rejected, Assert.Single(summary.Containment, c => c.Action == "salesforce.freeze-user").Status);
        Assert.DoesNotContain(summary.Containment, c => c.Status == ContainmentStatus.Failed);
    }

    [Fact]
    public async Task ApprovalPage_ForgedLink_RefusedWithPageSayingNothingChanged()
    {
        // A genuine signature on someone else's payload: the link for a tier the holder was never sent.
        var token = await Tokens.IssueAsync("inc-forged", "salesforce.freeze-user", "security-lead", ApprovalPurpose.Approval, DateTimeOffset.UtcNow.AddHours(1));
        var other = await Tokens.IssueAsync("inc-forged", "salesforce.freeze-user", "ciso", ApprovalPurpose.Approval, DateTimeOffset.UtcNow.AddHours(1));
        var link = ServerlessIR.Local.Drill.DrillPeople.PageUrl(Tokens.LinkFor(token));
        var forged = link[..(link.LastIndexOf('/') + 1)] + other.Value.Split('.')[0] + "." + token.Value.Split('.')[1];
        using var http = new HttpClient();
        using var response = await http.SendAsync(ApprovalLinks.Post(forged, "security-lead@northwind.example", new() { ["decision"] = "approve" }));
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("This link is not valid", page, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", page, StringComparison.Ordinal);
        Assert.False(await Pipeline.Services.GetRequiredService<IApprovalTokenLedger>().IsConsumedAsync(token.Payload.TokenId));
    }

    [Fact]
    public async Task ApprovalPage_ExpiredLink_Is410()
    {
        var token = await Tokens.IssueAsync("inc-expired", "salesforce.freeze-user", "security-lead", ApprovalPurpose.Approval, DateTimeOffset.UtcNow.AddMinutes(-1));
        using var http = new HttpClient();
        using var response = await http.SendAsync(ApprovalLinks.Post(Tokens.LinkFor(token), "security-lead@northwind.example", new() { ["decision"] = "approve" }));
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("This link has expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoticePage_ApprovalTokenOnNoticeRoute_RefusedAsWrongPage()
    {
        var token = await Tokens.IssueAsync("inc-wrong-page", "salesforce.freeze-user", "security-lead", ApprovalPurpose.Approval, DateTimeOffset.UtcNow.AddHours(1));
        var onNotices = Tokens.LinkFor(token).Replace("/api/approvals/", "/api/notices/", StringComparison.Ordinal);
        using var http = new HttpClient();
        using var response = await http.SendAsync(ApprovalLinks.Get(onNotices, "dpo@northwind.example"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Wrong page for this link", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
