using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Local.Drill;
using ServerlessIR.Local.Hosting;
using ServerlessIR.Local.Tests.Approvals;
using ServerlessIR.Local.Tests.Hosting;
using ServerlessIR.Local.Tests.Resilience;
using ServerlessIR.StandIns.Salesforce;

namespace ServerlessIR.Local.Tests.Containment;

/// <summary>
/// Containment steps in parallel on the local host (Azurite, the stand-ins, the real approval pages): the default
/// playbook runs every step after preserve-event-logs together. An alert from a source nobody trusts puts three of them
/// behind approval; they are asked together, each for itself, and one approved goes ahead while the others still wait.
/// </summary>
[Trait("Category", "Storage")]
[Collection(LocalPipelineCollection.Name)]
public sealed class ParallelStepsTests(LocalPipelineFixture fixture)
{
    private const string Approver = "security-lead@northwind.example";
    private static readonly string[] Gated = [ContainmentActions.RotateSecret, ContainmentActions.FreezeUser, ContainmentActions.AiFeatureFallback];

    private LocalPipeline Pipeline => fixture.Pipeline;

    [Fact]
    public async Task Containment_IndependentAndGatedSteps_RunTogetherAndEachGatedStepTakesOnlyItsOwnDecision()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var http = new HttpClient();
        var salesforce = Pipeline.Salesforce!;
        salesforce.Seed(Pipeline.Playbook);
        salesforce.SeedContainment(Pipeline.Playbook);
        Pipeline.AiFeatures!.SeedFrom(Pipeline.Playbook);
        var callsBefore = salesforce.Calls.Count;
        // Every Salesforce call takes a while, so steps that run one after another could not overlap their calls.
        salesforce.Faults = new StandInFaults { LatencyMs = 700 };
        string incidentId;
        try
        {
            incidentId = await TestAlerts.OpenAsync(Pipeline, new TestAlert("parallel steps test")
            {
                Source = "/untrusted/parallel",
                IdPrefix = "par",
                Malicious = true,
            }, timeout.Token);
            fixture.AnswerMyself(incidentId);

            // Every gated step is asked at the first tier before anyone answers: none waits for another's ladder.
            var links = new Dictionary<string, string>();
            foreach (var action in Gated)
            {
                links[action] = await WaitForLinkAsync(incidentId, action, timeout.Token);
            }
            var asked = await ReadAsync(http, incidentId, timeout.Token);
            Assert.DoesNotContain(Timeline(asked), t => t.Kind is EvidenceKinds.ApprovalEscalated or EvidenceKinds.ApprovalDecided);

            // One approved: it runs at once, while the other two still wait for their own decisions.
            await DecideAsync(http, links[ContainmentActions.FreezeUser], "approve", null, timeout.Token);
            var frozen = await WaitForAsync(http, incidentId,
                t => t.Kind == EvidenceKinds.ContainmentSucceeded && t.Summary.StartsWith(ContainmentActions.FreezeUser, StringComparison.Ordinal), timeout.Token);
            var decided = Timeline(frozen).Where(t => t.Kind == EvidenceKinds.ApprovalDecided).ToList();
            Assert.Equal(ContainmentActions.FreezeUser, Assert.Single(decided).Summary.Split(' ')[0]);
            Assert.DoesNotContain(Timeline(frozen), t => t.Kind == EvidenceKinds.ContainmentSucceeded
                && (t.Summary.StartsWith(ContainmentActions.AiFeatureFallback, StringComparison.Ordinal)
                    || t.Summary.StartsWith(ContainmentActions.RotateSecret, StringComparison.Ordinal)));

            await DecideAsync(http, links[ContainmentActions.AiFeatureFallback], "reject", "Checkout stays on the model: the DLP hit was a test export", timeout.Token);
            await DecideAsync(http, links[ContainmentActions.RotateSecret], "reject", "The credential is rotated by the vendor tonight", timeout.Token);
        }
        finally
        {
            salesforce.Faults = new StandInFaults();
        }
        var summary = await IncidentProbe.WaitForEndAsync(Pipeline, incidentId, timeout.Token);

        var steps = summary.Containment.ToDictionary(c => c.Action);
        Assert.Equal(ContainmentStatus.Succeeded, steps[ContainmentActions.FreezeUser].Status);
        Assert.Equal(ContainmentStatus.Rejected, steps[ContainmentActions.AiFeatureFallback].Status);
        Assert.Equal(ContainmentStatus.Rejected, steps[ContainmentActions.RotateSecret].Status);
        Assert.Equal(ContainmentStatus.Succeeded, steps[ContainmentActions.RevokeOAuthTokens].Status);
        Assert.Equal(ContainmentStatus.Succeeded, steps[ContainmentActions.EndSessions].Status);
        // Each gated step has exactly its own decision, at the first tier, by the person who made it.
        Assert.All(Gated, action =>
        {
            var approval = Assert.Single(summary.Approvals, a => a.Action == action);
            Assert.Equal(1, approval.Tier);
            Assert.Equal(Approver, approval.By);
            Assert.Equal(action == ContainmentActions.FreezeUser ? ApprovalResult.Approved : ApprovalResult.Rejected, approval.Decision);
        });
        Assert.Equal(summary.Containment.Count, summary.Containment.Select(c => c.Action).Distinct().Count());

        // Two independent steps overlapped at Salesforce: a session call came between two token calls, and back.
        var calls = salesforce.Calls.Skip(callsBefore).Select(c => c.Path).ToList();
        var tokens = Positions(calls, p => p.Contains("OauthToken", StringComparison.Ordinal) || p.Contains("oauth2/revoke", StringComparison.Ordinal));
        var sessions = Positions(calls, p => p.Contains("AuthSession", StringComparison.Ordinal));
        Assert.NotEmpty(tokens);
        Assert.NotEmpty(sessions);
        Assert.True(sessions.Min() < tokens.Max() && tokens.Min() < sessions.Max(),
            $"token calls at {string.Join(",", tokens)}, session calls at {string.Join(",", sessions)}: one step ran after the other");
        Assert.True((await IncidentProbe.VerifyEvidenceAsync(Pipeline, incidentId)).Verified);
    }

    private static List<int> Positions(IReadOnlyList<string> calls, Func<string, bool> match) =>
        [.. calls.Select((p, i) => (p, i)).Where(c => match(c.p)).Select(c => c.i)];

    /// <summary>The link on the first tier's card for <paramref name="action"/> of this incident.</summary>
    private async Task<string> WaitForLinkAsync(string incidentId, string action, CancellationToken cancellationToken)
    {
        var tier = Pipeline.Playbook.Approvals.Tiers[0].Name;
        while (true)
        {
            var card = Pipeline.Graph!.Messages.FirstOrDefault(m => m.Kind == "teams-webhook" && m.CardJson!.Contains(incidentId, StringComparison.Ordinal)
                && m.CardJson.Contains(action, StringComparison.Ordinal) && m.CardJson.Contains($"\"{tier}", StringComparison.Ordinal));
            if (card is not null)
            {
                return DrillPeople.Links(card.CardJson).Single();
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    private static async Task DecideAsync(HttpClient http, string link, string decision, string? reason, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["decision"] = decision };
        if (reason is not null)
        {
            form["reason"] = reason;
        }
        using var response = await http.SendAsync(ApprovalLinks.Post(link, Approver, form), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<JsonObject> ReadAsync(HttpClient http, string incidentId, CancellationToken cancellationToken) =>
        (await http.GetFromJsonAsync<JsonObject>(new Uri(Pipeline.ApiUrl, $"/api/incidents/{incidentId}"), cancellationToken))!;

    private async Task<JsonObject> WaitForAsync(HttpClient http, string incidentId, Func<(string Kind, string Summary), bool> seen, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var read = await http.GetAsync(new Uri(Pipeline.ApiUrl, $"/api/incidents/{incidentId}"), cancellationToken);
            if (read.IsSuccessStatusCode && await read.Content.ReadFromJsonAsync<JsonObject>(cancellationToken) is { } incident && Timeline(incident).Any(seen))
            {
                return incident;
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    private static IEnumerable<(string Kind, string Summary)> Timeline(JsonObject incident) =>
        incident["timeline"]?.AsArray().Select(t => ((string?)t!["kind"] ?? "", (string?)t["summary"] ?? "")) ?? [];
}
