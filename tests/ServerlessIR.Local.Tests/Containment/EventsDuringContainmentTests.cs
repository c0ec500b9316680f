using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Local.Hosting;
using ServerlessIR.Local.Tests.Approvals;
using ServerlessIR.Local.Tests.Hosting;

namespace ServerlessIR.Local.Tests.Containment;

/// <summary>
/// Incident events reach an incident in every phase, through the real local host: a joined signal that raises the
/// severity during containment adds the new severity's steps, a join during an approval wait is counted while the tier
/// still waits, and a false positive during an approval wait ends it and undoes what was done.
/// </summary>
[Trait("Category", "Storage")]
[Collection(LocalPipelineCollection.Name)]
public sealed class EventsDuringContainmentTests(LocalPipelineFixture fixture)
{
    private const string Caller = "X-ServerlessIR-Local-Approver";

    private LocalPipeline Pipeline => fixture.Pipeline;

    private async Task SeedEstateAsync()
    {
        // No earlier test's incident left running to take this test's alerts.
        await RunningIncidents.EndAsync(Pipeline);
        // Start from the seeded estate: other tests in this collection contain (and leave contained) the same systems.
        Pipeline.Salesforce!.Seed(Pipeline.Playbook);
        Pipeline.Salesforce.SeedContainment(Pipeline.Playbook);
        Pipeline.AiFeatures!.SeedFrom(Pipeline.Playbook);
    }

    /// <summary>Posts an alert through the webhook's integration user of <paramref name="connectedApp"/>; returns the delivery answer.</summary>
    private Task<JsonObject> PostAlertAsync(string connectedApp, string principal, string[] categories, int subjects, string summary) =>
        TestAlerts.PostAsync(Pipeline, new TestAlert(summary)
        {
            Source = "/tests/events-during-containment",
            IdPrefix = "edc",
            ConnectedApp = connectedApp,
            Principal = principal,
            Categories = categories,
            Subjects = subjects,
        });

    private Task<JsonObject> PostBnplAsync(string summary) =>
        PostAlertAsync("BNPL Scoring Connector", "0055g00000BNPLint", ["contact"], 300, summary);

    private static string Timeline(IncidentSummary summary) =>
        string.Join("\n", summary.Timeline.Select(t => $"{t.At:HH:mm:ss} {t.Kind} {t.Summary}"));

    [Fact]
    public async Task JoinedSignal_RaisesSev3ToSev1_RunsAddedStepsOnceAndTellsOwners()
    {
        await SeedEstateAsync();
        // Contact data of 300 people through the fraud system (checkout-critical): ENISA low, so SEV3 and four steps.
        var opened = await PostAlertAsync("Fraud Scoring Connector", "0055g00000FRAUDint", ["contact"], 300, "replan test: contact data only");
        Assert.True((int)opened["opened"]! == 1, "the alert joined another test's incident: " + opened.ToJsonString());
        var id = (string)opened["incidents"]![0]!;
        // Financial data of 5,000 people: ENISA high, so SEV1, whose containment adds four steps (one behind approval).
        var joined = await PostAlertAsync("Fraud Scoring Connector", "0055g00000FRAUDint", ["contact", "financial"], 5000, "replan test: card data too");
        Assert.Equal(id, (string)joined["incidents"]![0]!);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        var done = await Pipeline.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        var summary = done.ReadOutputAs<IncidentSummary>()!;
        var timeline = Timeline(summary);

        Assert.StartsWith("SEV3", Assert.Single(summary.Timeline, t => t.Kind == "assessment.completed").Summary, StringComparison.Ordinal);
        Assert.True(summary.Severity?.Level == "SEV1", $"severity {summary.Severity?.Level} after the joined signal:\n{timeline}");
        var replanned = Assert.Single(summary.Timeline, t => t.Kind == "containment.replanned");
        Assert.Contains("SEV3 -> SEV1", replanned.Summary, StringComparison.Ordinal);
        string[] added = ["salesforce.remove-ai-permissions", "salesforce.freeze-user", "salesforce.enable-break-glass-policy", "ai-feature.fallback"];
        foreach (var action in added)
        {
            Assert.Contains(action, replanned.Summary, StringComparison.Ordinal);
            Assert.True(summary.Containment.Single(c => c.Action == action).Done, $"{action} did not take effect:\n{timeline}");
        }
        // Every step once: the steps done before the re-plan are not repeated.
        Assert.Equal(summary.Containment.Count, summary.Containment.Select(c => c.Action).Distinct().Count());
        Assert.Equal(8, summary.Containment.Count);
        Assert.Equal(8, summary.Timeline.Count(t => t.Kind == "containment.succeeded"));
        Assert.Contains(summary.Approvals, a => a.Action == "salesforce.freeze-user" && a.Decision == ApprovalResult.Approved);
        Assert.Contains(summary.Notifications, n => n.Template == "containment-replanned" && n.To.Contains("fraud-owner@northwind.example", StringComparison.Ordinal));
        Assert.Equal(IncidentStatus.Contained, summary.Status);
    }

    [Fact]
    public async Task JoinedSignal_DuringFirstApprovalTier_CountedBeforeTheTierEnds()
    {
        await SeedEstateAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        var opened = await PostBnplAsync("join during approval: first alert");
        var id = (string)opened["incidents"]![0]!;
        fixture.AnswerMyself(id);
        var link = await ApprovalLinks.WaitForCardLinkAsync(Pipeline, id, "security-lead", timeout.Token);

        var joined = await PostBnplAsync("join during approval: second alert");
        Assert.Equal(id, (string)joined["incidents"]![0]!);

        using var http = new HttpClient();
        JsonObject? record = null;
        while ((int?)record?["signals"] != 2)
        {
            await Task.Delay(100, timeout.Token);
            using var read = await http.GetAsync(new Uri(Pipeline.ApiUrl, $"/api/incidents/{id}"), timeout.Token);
            record = await read.Content.ReadFromJsonAsync<JsonObject>(timeout.Token);
        }
        // Counted while the first tier still waits: nobody has decided and the tier has not escalated.
        // A join that widens nothing is taken in a batch (signal.joined-batch); one that widens is its own entry.
        var kinds = record!["timeline"]!.AsArray().Select(t => (string?)t!["kind"]).ToList();
        Assert.Contains(kinds, k => IsJoin(k));
        Assert.DoesNotContain("approval.escalated", kinds);
        Assert.DoesNotContain("approval.decided", kinds);

        using (var approve = await http.SendAsync(ApprovalLinks.Post(link, "security-lead@northwind.example", new() { ["decision"] = "approve" }), timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        }
        var done = await Pipeline.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        var summary = done.ReadOutputAs<IncidentSummary>()!;
        var order = summary.Timeline.Select(t => t.Kind).ToList();
        var firstJoin = order.FindIndex(IsJoin);
        Assert.True(firstJoin >= 0 && firstJoin < order.IndexOf("approval.decided"), Timeline(summary));
        var decided = Assert.Single(summary.Approvals, a => a.Action == "salesforce.freeze-user");
        Assert.Equal((1, ApprovalResult.Approved), (decided.Tier, decided.Decision));
        Assert.Equal(2, summary.Signals);
    }

    private static bool IsJoin(string? kind) =>
        kind is EvidenceKinds.SignalJoined or EvidenceKinds.SignalsJoined;

    [Fact]
    public async Task FalsePositive_DuringApprovalWait_EndsWaitStopsContainmentAndUndoesDoneSteps()
    {
        await SeedEstateAsync();
        var before = FalsePositiveTests.ReversibleState(Pipeline);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        var opened = await PostBnplAsync("false positive during approval");
        var id = (string)opened["incidents"]![0]!;
        fixture.AnswerMyself(id);
        await ApprovalLinks.WaitForCardLinkAsync(Pipeline, id, "security-lead", timeout.Token);

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Pipeline.ApiUrl, $"/api/incidents/{id}/false-positive"))
        {
            Content = JsonContent.Create(new { reason = "The export was the quarterly credit-model retraining job" }),
        };
        request.Headers.Add(Caller, "security-lead@northwind.example");
        using (var accepted = await http.SendAsync(request, timeout.Token))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }
        // A false positive takes two people: the DPO seconds the security lead's request.
        var link = await FalsePositiveTests.SecondPersonLinkAsync(Pipeline, id, timeout.Token);
        using (var seconded = await FalsePositiveTests.DecideAsync(http, link, "dpo@northwind.example", timeout.Token))
        {
            Assert.True(seconded.StatusCode == HttpStatusCode.OK, $"{(int)seconded.StatusCode}: {await seconded.Content.ReadAsStringAsync(timeout.Token)}");
        }

        var done = await Pipeline.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        var summary = done.ReadOutputAs<IncidentSummary>()!;
        var timeline = Timeline(summary);
        Assert.Equal(IncidentStatus.FalsePositive, summary.Status);
        var withdrawn = Assert.Single(summary.Approvals, a => a.Action == "salesforce.freeze-user");
        Assert.Equal((1, ApprovalResult.Withdrawn), (withdrawn.Tier, withdrawn.Decision));
        Assert.Contains(summary.Timeline, t => t.Kind == "approval.withdrawn");
        // The step waiting for approval never ran. The others of its wave (every step after preserve-event-logs runs in
        // parallel) were done before anyone was asked, and were undone where they can be.
        Assert.DoesNotContain(summary.Containment, c => c.Action == "salesforce.freeze-user");
        foreach (var undone in new[] { "salesforce.remove-ai-permissions", "salesforce.enable-break-glass-policy", "ai-feature.fallback" })
        {
            Assert.Equal(UndoStatus.Undone, summary.Containment.Single(c => c.Action == undone).Undo);
        }
        Assert.All(summary.Containment, c => Assert.NotNull(c.Undo));
        Assert.True(summary.Containment.All(c => c.Status is ContainmentStatus.Succeeded or ContainmentStatus.AlreadyDone), timeline);
        Assert.Equal(before, FalsePositiveTests.ReversibleState(Pipeline));
    }
}
