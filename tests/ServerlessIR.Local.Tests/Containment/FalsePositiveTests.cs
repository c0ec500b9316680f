using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Local.Hosting;
using ServerlessIR.Local.Tests.Hosting;

namespace ServerlessIR.Local.Tests.Containment;

/// <summary>
/// A false positive declared through <c>POST /api/incidents/{id}/false-positive</c> and seconded by a different person
/// undoes containment: the stand-ins' user, permission set assignments, break-glass policy and AI feature mode are back
/// where they were before the alert. With one person only it stays pending and changes nothing.
/// </summary>
[Trait("Category", "Storage")]
[Collection(LocalPipelineCollection.Name)]
public sealed class FalsePositiveTests(LocalPipelineFixture fixture)
{
    private LocalPipeline Pipeline => fixture.Pipeline;

    /// <summary>What compensation must restore, keyed by content (a restored assignment is a new row with a new ID).</summary>
    internal static string ReversibleState(LocalPipeline pipeline)
    {
        var snapshot = pipeline.Salesforce!.ContainmentSnapshot();
        static IEnumerable<string> Rows(JsonObject snapshot, string table, params string[] fields) =>
            (snapshot[table] as JsonArray ?? []).OfType<JsonObject>()
                .Select(r => table + ":" + string.Join("|", fields.Select(f => r[f]?.ToJsonString())))
                .Order(StringComparer.Ordinal);
        return string.Join("\n", Rows(snapshot, "UserLogin", "UserId", "IsFrozen")
            .Concat(Rows(snapshot, "PermissionSetAssignment", "AssigneeId", "PermissionSetId"))
            .Concat(Rows(snapshot, "TransactionSecurityPolicy", "DeveloperName", "State"))
            .Concat(pipeline.AiFeatures!.Modes.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"mode:{m.Key}={m.Value}")));
    }

    [Fact]
    public async Task FalsePositive_AfterContainment_RestoresUserPermissionSetsPolicyAndFeatureMode()
    {
        var salesforce = Pipeline.Salesforce!;
        // Start from the seeded estate: other tests in this collection contain (and leave contained) the same systems.
        salesforce.Seed(Pipeline.Playbook);
        salesforce.SeedContainment(Pipeline.Playbook);
        Pipeline.AiFeatures!.SeedFrom(Pipeline.Playbook);
        var before = ReversibleState(Pipeline);

        using var http = new HttpClient();
        var incidentId = await OpenBnplIncidentAsync("/tests/false-positive", "fp", "false positive test");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        string? during = null;
        while (during is null)
        {
            using var read = await http.GetAsync(new Uri(Pipeline.ApiUrl, $"/api/incidents/{incidentId}"), timeout.Token);
            var incident = read.IsSuccessStatusCode ? await read.Content.ReadFromJsonAsync<JsonObject>(timeout.Token) : null;
            if (incident?["timeline"]?.AsArray().Any(t => (string?)t!["kind"] is "incident.contained" or "incident.containment-incomplete") == true)
            {
                during = ReversibleState(Pipeline);
            }
            else
            {
                await Task.Delay(25, timeout.Token);
            }
        }
        Assert.NotEqual(before, during);
        // From here the test plays both people: the fixture's simulated people (who approved containment's step) must not
        // second the false positive for it.
        fixture.AnswerMyself(incidentId);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Pipeline.ApiUrl, $"/api/incidents/{incidentId}/false-positive"))
        {
            Content = JsonContent.Create(new { reason = "The export was the quarterly credit-model retraining job" }),
        };
        request.Headers.Add("X-ServerlessIR-Local-Approver", "security-lead@northwind.example");
        using var accepted = await http.SendAsync(request, timeout.Token);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var pending = (await accepted.Content.ReadFromJsonAsync<JsonObject>(timeout.Token))!;
        Assert.Equal("pending", (string?)pending["status"]);
        var statusUrl = new Uri(Pipeline.ApiUrl, (string)pending["statusUrl"]!);
        Assert.Equal(statusUrl.AbsolutePath, accepted.Headers.Location?.OriginalString);

        // One person only: nothing is raised, the incident stays contained.
        var link = await SecondPersonLinkAsync(Pipeline, incidentId, timeout.Token);
        Assert.Equal(during, ReversibleState(Pipeline));
        Assert.False((await Pipeline.Client.GetInstanceAsync(incidentId, timeout.Token))!.IsCompleted);

        // The requester cannot second their own request.
        using var self = await DecideAsync(http, link, "security-lead@northwind.example", timeout.Token);
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Contains("second, different person", await self.Content.ReadAsStringAsync(timeout.Token), StringComparison.Ordinal);

        // A different authorized person seconds it: now it undoes.
        using var seconded = await DecideAsync(http, link, "dpo@northwind.example", timeout.Token);
        Assert.Equal(HttpStatusCode.OK, seconded.StatusCode);

        var done = await Pipeline.Client.WaitForInstanceCompletionAsync(incidentId, getInputsAndOutputs: true, timeout.Token);
        var summary = done.ReadOutputAs<IncidentSummary>()!;
        Assert.Equal(IncidentStatus.FalsePositive, summary.Status);
        Assert.Equal(before, ReversibleState(Pipeline));
        foreach (var undone in new[] { "salesforce.freeze-user", "salesforce.remove-ai-permissions", "salesforce.enable-break-glass-policy", "ai-feature.fallback" })
        {
            Assert.Equal(UndoStatus.Undone, Assert.Single(summary.Containment, c => c.Action == undone).Undo);
        }
        Assert.Equal(UndoStatus.NotUndone, Assert.Single(summary.Containment, c => c.Action == "salesforce.revoke-oauth-tokens").Undo);
        // Undone last step first: the order the steps took effect, reversed (steps in parallel take effect in plan order,
        // and the freeze, behind approval, after the others of its wave).
        var undoOrder = summary.Timeline.Where(t => t.Kind == "compensation.succeeded").Select(t => t.Summary.Split(' ')[0]).ToList();
        var doneOrder = summary.Timeline.Where(t => t.Kind == "containment.succeeded").Select(t => t.Summary.Split(':')[0]).Where(undoOrder.Contains).ToList();
        Assert.Equal(4, undoOrder.Count);
        Assert.Equal(Enumerable.Reverse(doneOrder), undoOrder);
        Assert.Equal("salesforce.freeze-user", undoOrder[0]);

        // The evidence records both people; the request's status says who seconded it.
        var declared = Assert.Single(summary.Timeline, t => t.Kind == "incident.false-positive-declared");
        Assert.Contains("asked by security-lead@northwind.example, seconded by dpo@northwind.example", declared.Summary, StringComparison.Ordinal);
        using var statusRequest = new HttpRequestMessage(HttpMethod.Get, statusUrl);
        statusRequest.Headers.Add("X-ServerlessIR-Local-Approver", "security-lead@northwind.example");
        using var status = await http.SendAsync(statusRequest, timeout.Token);
        var final = (await status.Content.ReadFromJsonAsync<JsonObject>(timeout.Token))!;
        Assert.Equal("approved", (string?)final["status"]);
        Assert.Equal("dpo@northwind.example", (string?)final["decidedBy"]);
        Assert.Equal("security-lead@northwind.example", (string?)final["requestedBy"]);
    }

    /// <summary>The link the Graph stand-in's e-mail for this dual-control request carries.</summary>
    [Fact]
    public async Task LawEnforcementHold_OnePersonThenSeconded_HeldOnlyOnceADifferentPersonApproves()
    {
        using var http = new HttpClient();
        var incidentId = await OpenBnplIncidentAsync("/tests/hold", "hold", "hold test");
        fixture.AnswerMyself(incidentId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));

        // The route accepts as soon as the webhook has scheduled the incident; 404 only for an unknown ID.
        HttpResponseMessage accepted;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Pipeline.ApiUrl, $"/api/incidents/{incidentId}/facts"))
            {
                Content = JsonContent.Create(new { lawEnforcementHold = new { requestedBy = "National Crime Agency", reason = "Notifying would alert the suspect" } }),
            };
            request.Headers.Add("X-ServerlessIR-Local-Approver", "security-lead@northwind.example");
            accepted = await http.SendAsync(request, timeout.Token);
            if (accepted.StatusCode != HttpStatusCode.NotFound)
            {
                break;
            }
            accepted.Dispose();
            await Task.Delay(100, timeout.Token);
        }
        using (accepted)
        {
            var body = await accepted.Content.ReadAsStringAsync(timeout.Token);
            Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, $"{(int)accepted.StatusCode}: {body}");
            Assert.Equal("pending", (string?)JsonNode.Parse(body)!["status"]);
        }

        // One person only: the second person has been asked, and the incident has no hold.
        var link = await SecondPersonLinkAsync(Pipeline, incidentId, timeout.Token);
        Assert.DoesNotContain(await TimelineKindsAsync(http, incidentId, timeout.Token), k => k == "obligation.held");

        using (var seconded = await DecideAsync(http, link, "dpo@northwind.example", timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, seconded.StatusCode);
        }
        while (!(await TimelineKindsAsync(http, incidentId, timeout.Token)).Contains("obligation.held"))
        {
            await Task.Delay(100, timeout.Token);
        }
        var timeline = (await http.GetFromJsonAsync<JsonObject>(new Uri(Pipeline.ApiUrl, $"/api/incidents/{incidentId}"), timeout.Token))!["timeline"]!.AsArray();
        var held = timeline.First(t => (string?)t!["kind"] == "obligation.held")!;
        Assert.Contains("National Crime Agency", (string?)held["summary"], StringComparison.Ordinal);
    }

    /// <summary>Opens an incident with a BNPL alert (trusted test source, 5,000 people, contact and financial data).</summary>
    private Task<string> OpenBnplIncidentAsync(string source, string idPrefix, string summary) =>
        TestAlerts.OpenAsync(Pipeline, new TestAlert(summary) { Source = source, IdPrefix = idPrefix, Principal = null });

    private async Task<List<string>> TimelineKindsAsync(HttpClient http, string incidentId, CancellationToken cancellationToken)
    {
        var incident = await http.GetFromJsonAsync<JsonObject>(new Uri(Pipeline.ApiUrl, $"/api/incidents/{incidentId}"), cancellationToken);
        return [.. (incident?["timeline"] as JsonArray ?? []).Select(t => (string?)t!["kind"] ?? "")];
    }

    /// <summary>The one-time link the second person gets for a two-person request on <paramref name="incidentId"/>.</summary>
    internal static async Task<string> SecondPersonLinkAsync(LocalPipeline pipeline, string incidentId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var mail = pipeline.Graph!.Messages.FirstOrDefault(m => m.Kind == "mail" && m.Subject?.StartsWith("Second person needed", StringComparison.Ordinal) == true
                && m.Subject.Contains(incidentId, StringComparison.Ordinal));
            if (mail is not null)
            {
                return ServerlessIR.Local.Drill.DrillPeople.Links(mail.Body).Single();
            }
            await Task.Delay(25, cancellationToken);
        }
    }

    /// <summary>Approves a two-person request through its page as <paramref name="person"/>.</summary>
    internal static async Task<HttpResponseMessage> DecideAsync(HttpClient http, string link, string person, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ServerlessIR.Local.Drill.DrillPeople.PageUrl(link))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve" }),
        };
        request.Headers.Add("X-ServerlessIR-Local-Approver", person);
        return await http.SendAsync(request, cancellationToken);
    }
}
