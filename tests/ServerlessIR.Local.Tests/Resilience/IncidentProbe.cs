using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Adapters.Evidence;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Local.Evidence;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Tests.Resilience;

/// <summary>What the resilience tests do to an incident on a running local pipeline: open one of its own, wait, verify.</summary>
internal static class IncidentProbe
{
    /// <summary>A leak alert (CloudEvent) for <paramref name="org"/> and <paramref name="user"/>, whose signals share one correlation key.</summary>
    public static object Alert(string org, string user, string summary, string[]? categories = null) => new
    {
        specversion = "1.0",
        type = "ServerlessIR.AiDataLeak.Detected",
        source = "/tests/resilience",
        id = "res-" + Guid.NewGuid().ToString("N"),
        data = new
        {
            detectedAt = DateTimeOffset.UtcNow,
            orgId = org,
            principal = new { type = "user", id = user },
            dataCategories = categories ?? ["contact", "financial"],
            jurisdictions = new[] { "DE" },
            estimatedSubjects = 5000,
            summary,
        },
    };

    /// <summary>Runs <paramref name="test"/> with a state folder of its own (named from <paramref name="prefix"/>), deleted afterwards.</summary>
    public static async Task InStateFolderAsync(string prefix, Func<string, Task> test)
    {
        var state = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(state);
        try
        {
            await test(state);
        }
        finally
        {
            try { Directory.Delete(state, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Posts one alert of a fresh org and user and returns the incident it opened.</summary>
    public static async Task<(string IncidentId, string Org, string User)> OpenAsync(LocalPipeline pipeline, HttpClient http)
    {
        var unique = Guid.NewGuid().ToString("N");
        var (org, user) = ("org-" + unique, "005" + unique[..12]);
        using var body = new StringContent(JsonSerializer.Serialize(Alert(org, user, "resilience test leak")), Encoding.UTF8, "application/cloudevents+json");
        using var response = await http.PostAsync(pipeline.EventsUrl, body);
        var delivery = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True((int)delivery!["opened"]! == 1, delivery.ToJsonString());
        return ((string)delivery["incidents"]![0]!, org, user);
    }

    /// <summary>Waits until the incident's record shows containment done (it then watches its clocks and takes events).</summary>
    public static async Task WaitUntilContainedAsync(LocalPipeline pipeline, HttpClient http, string incidentId, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var read = await http.GetAsync(new Uri(pipeline.ApiUrl, $"/api/incidents/{incidentId}"), cancellationToken);
            var incident = read.IsSuccessStatusCode ? await read.Content.ReadFromJsonAsync<JsonObject>(cancellationToken) : null;
            var kinds = incident?["timeline"]?.AsArray().Select(t => (string?)t!["kind"]).ToList() ?? [];
            if (kinds.Contains(EvidenceKinds.IncidentContained) || kinds.Contains(EvidenceKinds.IncidentContainmentIncomplete))
            {
                return;
            }
            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Waits for the incident to end and returns its output; fails unless the orchestration completed.</summary>
    public static async Task<IncidentSummary> WaitForEndAsync(LocalPipeline pipeline, string incidentId, CancellationToken cancellationToken)
    {
        var done = await pipeline.Client.WaitForInstanceCompletionAsync(incidentId, getInputsAndOutputs: true, cancellationToken);
#pragma warning disable CS0618 // An engine may still report the obsolete status for a moment while the next generation starts.
        while (done.RuntimeStatus == OrchestrationRuntimeStatus.ContinuedAsNew)
#pragma warning restore CS0618
        {
            await Task.Delay(100, cancellationToken);
            done = await pipeline.Client.WaitForInstanceCompletionAsync(incidentId, getInputsAndOutputs: true, cancellationToken);
        }
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails}");
        var summary = done.ReadOutputAs<IncidentSummary>()!;
        Assert.NotEqual(IncidentStatus.Failed, summary.Status);
        return summary;
    }

    /// <summary>Verifies the incident's stored evidence as <c>ir evidence verify</c> does: the chain and every anchor.</summary>
    public static Task<EvidenceVerification> VerifyEvidenceAsync(LocalPipeline pipeline, string incidentId) =>
        EvidenceCommand.VerifyStoredAsync(new EvidenceCommandContext(
            new TableServiceClient(pipeline.Azurite.ConnectionString), new BlobServiceClient(pipeline.Azurite.ConnectionString),
            pipeline.Services.GetRequiredService<EvidenceStorageOptions>()), incidentId);

    /// <summary>The incident's row as the store keeps it: the length of its snapshot column (one Table string property).</summary>
    public static async Task<int> StoredRecordCharsAsync(LocalPipeline pipeline, string incidentId)
    {
        var table = new TableServiceClient(pipeline.Azurite.ConnectionString).GetTableClient(pipeline.Services.GetRequiredService<TableNames>().Incidents);
        var row = await table.GetEntityAsync<TableEntity>("incident", incidentId);
        return row.Value.GetString("Snapshot").Length;
    }

    /// <summary>Checkpoints that fired after incident time <paramref name="after"/>: the clocks went on.</summary>
    public static IReadOnlyList<CheckpointSummary> FiredAfter(IncidentSummary summary, DateTimeOffset after) =>
        [.. summary.Obligations.SelectMany(o => o.Checkpoints).Where(c => c.FiredAt > after)];
}
