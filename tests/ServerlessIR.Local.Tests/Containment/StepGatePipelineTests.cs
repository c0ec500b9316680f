using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessIR.Adapters.Containment;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Local.Hosting;
using ServerlessIR.Local.Tests.Resilience;

namespace ServerlessIR.Local.Tests.Containment;

/// <summary>
/// The step gate end to end on a local pipeline of its own (<see cref="GatedPipelineFixture"/>): alerts through the real
/// webhook, the gate's activity on the real budget table in Azurite, the kill switch changed while the host runs.
/// </summary>
[Trait("Category", "Storage")]
public sealed class StepGatePipelineTests(GatedPipelineFixture fixture) : IClassFixture<GatedPipelineFixture>
{
    private LocalPipeline Pipeline => fixture.Pipeline;

    private async Task<string> PostLeakAsync(string source, string connectedApp, string name)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(Pipeline.EventsUrl, new StringContent(JsonSerializer.Serialize(new
        {
            specversion = "1.0",
            type = "ServerlessIR.AiDataLeak.Detected",
            source,
            id = name + "-" + Guid.NewGuid().ToString("N"),
            data = new
            {
                detectedAt = DateTimeOffset.UtcNow,
                orgId = "northwind-prod",
                connectedApp,
                dataCategories = new[] { "contact", "financial" },
                estimatedSubjects = 5000,
                malicious = true,
                summary = name + " test leak",
            },
        }), Encoding.UTF8, "application/cloudevents+json"));
        var delivery = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True((int)delivery!["opened"]! == 1, delivery.ToJsonString());
        return (string)delivery["incidents"]![0]!;
    }

    /// <summary>Waits until the incident's record has a timeline entry of <paramref name="kind"/> whose summary starts with <paramref name="action"/>.</summary>
    private async Task<JsonObject> WaitForEntryAsync(string incidentId, string kind, string action, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        while (true)
        {
            using var read = await http.GetAsync(new Uri(Pipeline.ApiUrl, $"/api/incidents/{incidentId}"), cancellationToken);
            var incident = read.IsSuccessStatusCode ? await read.Content.ReadFromJsonAsync<JsonObject>(cancellationToken) : null;
            if (incident?["timeline"]?.AsArray().Any(t => (string?)t!["kind"] == kind && ((string?)t["summary"])?.StartsWith(action, StringComparison.Ordinal) == true) == true)
            {
                return incident;
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    [Fact]
    public async Task ForgedAlert_UntrustedSourceNamingBnpl_IrreversibleAndCustomerFacingStepsHeldForApproval()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var rotationsBefore = Pipeline.Salesforce!.Effects.Count(e => e.Kind == "rotate-secret");

        var incidentId = await PostLeakAsync("/forged/dlp", "BNPL Scoring Connector", "forged");
        await WaitForEntryAsync(incidentId, EvidenceKinds.ApprovalRequested, "keyvault.rotate-secret", timeout.Token);
        Assert.Equal(rotationsBefore, Pipeline.Salesforce.Effects.Count(e => e.Kind == "rotate-secret"));
        var summary = await IncidentProbe.WaitForEndAsync(Pipeline, incidentId, timeout.Token);

        Assert.Equal("SEV1", summary.Severity!.Level);
        Assert.Equal(Core.Ingestion.SourceTrust.Untrusted, summary.Trust);
        var steps = summary.Containment.ToDictionary(c => c.Action);
        // Silence from every tier holds them, whatever SEV1's default: the alert's sender was not believed.
        Assert.All(new[] { "keyvault.rotate-secret", "salesforce.freeze-user", "ai-feature.fallback" }, action =>
        {
            Assert.Equal(ContainmentStatus.Held, steps[action].Status);
            Assert.StartsWith("ask (untrusted-source)", steps[action].Gate, StringComparison.Ordinal);
        });
        Assert.Equal(ContainmentStatus.Succeeded, steps["salesforce.revoke-oauth-tokens"].Status);
        Assert.Contains(summary.Timeline, t => t.Kind == EvidenceKinds.ContainmentGated && t.Summary.StartsWith("keyvault.rotate-secret", StringComparison.Ordinal));
        Assert.Equal(rotationsBefore, Pipeline.Salesforce.Effects.Count(e => e.Kind == "rotate-secret"));
    }

    [Fact]
    public async Task SecondAlert_PastTheDailyBudget_WaitsForApprovalAndOwnersAreTold()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var first = await PostLeakAsync(GatedPipelineFixture.TrustedSource + "budget", "Fraud Scoring Connector", "budget-1");
        var firstSummary = await IncidentProbe.WaitForEndAsync(Pipeline, first, timeout.Token);
        Assert.StartsWith("run (automatic)", firstSummary.Containment.Single(c => c.Action == "keyvault.rotate-secret").Gate, StringComparison.Ordinal);

        var second = await PostLeakAsync(GatedPipelineFixture.TrustedSource + "budget", "Fraud Scoring Connector", "budget-2");
        var record = await WaitForEntryAsync(second, EvidenceKinds.ApprovalRequested, "salesforce.preserve-event-logs", timeout.Token);

        Assert.NotEqual(first, second);
        Assert.Contains(record["timeline"]!.AsArray(), t => (string?)t!["kind"] == EvidenceKinds.ContainmentGated
            && ((string?)t["summary"])!.Contains("in 24 h (budget 1)", StringComparison.Ordinal));
        Assert.Contains(Pipeline.Graph!.Messages, m => m.Kind == "mail" && m.To.Contains("fraud-owner@northwind.example")
            && m.Subject?.Contains("automation budget", StringComparison.Ordinal) == true && m.Subject.Contains(second, StringComparison.Ordinal));
    }

    [Fact]
    public async Task KillSwitch_SetWhileTheHostRuns_NextIncidentsTrustedStepsBecomeApprovalRequests()
    {
        // Every step waits out all three tiers before it is held (24 timed-out tiers, each with a last turn for a late
        // decision): 3 min at load 24, more when the machine is busier.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        Pipeline.ChangeSetting(OptionsKillSwitch.SettingName, "true");
        try
        {
            var incidentId = await PostLeakAsync(GatedPipelineFixture.TrustedSource + "kill", "BNPL Scoring Connector", "kill-switch");
            var record = await WaitForEntryAsync(incidentId, EvidenceKinds.ApprovalRequested, "salesforce.preserve-event-logs", timeout.Token);

            Assert.Contains(record["timeline"]!.AsArray(), t => (string?)t!["kind"] == EvidenceKinds.ContainmentGated
                && ((string?)t["summary"])!.Contains("app setting ServerlessIR:Containment:KillSwitch", StringComparison.Ordinal));
            Assert.Empty(record["containment"]!.AsArray());
            // Kept on until the incident ends: it shares its AI system (and so its correlation key) with the forged alert's test.
            var summary = await IncidentProbe.WaitForEndAsync(Pipeline, incidentId, timeout.Token);
            Assert.All(summary.Containment, c => Assert.Equal(ContainmentStatus.Held, c.Status));
        }
        finally
        {
            Pipeline.ChangeSetting(OptionsKillSwitch.SettingName, "false");
        }
    }
}
