using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Adapters.Evidence;
using ServerlessIR.Local.Evidence;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Tests.Hosting;

/// <summary>
/// After a whole incident on the local host, no secret value and no raw customer identifier is anywhere at rest: not in
/// any table (evidence, incidents, the durable history), not in any blob (anchors, durable large messages), not in the
/// evidence export. The only exception is the restricted raw-alert container, which exists to hold the raw payload.
/// </summary>
[Trait("Category", "Storage")]
[Collection(LocalPipelineCollection.Name)]
public sealed class NoSecretsAtRestTests(LocalPipelineFixture fixture)
{
    private const string RawPayloadContainer = "raw-alerts";

    private LocalPipeline Pipeline => fixture.Pipeline;

    [Fact]
    public async Task Incident_RunToTheEnd_NoSecretOrRawIdentifierInStorageOrExport()
    {
        var unique = Guid.NewGuid().ToString("N")[..12];
        var rawUserId = "005RAW" + unique;
        var rawUserName = $"shopper.{unique}@customers.example";
        using var http = new HttpClient();
        using var body = new StringContent(JsonSerializer.Serialize(new
        {
            specversion = "1.0",
            type = "ServerlessIR.AiDataLeak.Detected",
            source = "/tests/secrets",
            id = "sec-" + unique,
            data = new
            {
                detectedAt = DateTimeOffset.UtcNow,
                orgId = "northwind-prod",
                connectedApp = "Fraud Scoring Connector",
                principal = new { type = "user", id = rawUserId, name = rawUserName },
                dataCategories = new[] { "contact", "financial" },
                estimatedSubjects = 300,
                summary = "secrets scan leak",
            },
        }), Encoding.UTF8, "application/cloudevents+json");
        using var response = await http.PostAsync(Pipeline.EventsUrl, body);
        var delivery = await response.Content.ReadFromJsonAsync<JsonObject>();
        var incidentId = (string)delivery!["incidents"]![0]!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await Pipeline.Client.WaitForInstanceCompletionAsync(incidentId, getInputsAndOutputs: true, timeout.Token);

        var secrets = LocalSecrets.LoadOrCreate(Pipeline.Paths.State).Values
            .Concat(Pipeline.Salesforce!.AccessTokens.Keys)
            .Concat(Pipeline.Salesforce.Tokens.Values.Select(t => t.DeleteToken))
            .Where(s => s.Length >= 8)
            .ToList();
        var forbidden = secrets.Select(s => ("secret", s))
            .Concat([("raw user ID", rawUserId), ("raw user name", rawUserName)])
            .ToList();

        var tables = new TableServiceClient(Pipeline.Azurite.ConnectionString);
        var blobs = new BlobServiceClient(Pipeline.Azurite.ConnectionString);
        var scanned = 0;
        var found = new List<string>();
        void Scan(string where, string text)
        {
            scanned++;
            found.AddRange(forbidden.Where(f => text.Contains(f.Item2, StringComparison.Ordinal)).Select(f => $"{f.Item1} in {where}"));
        }

        var rawPayloadSeen = false;
        await foreach (var stored in fixture.StoredItemsAsync(timeout.Token))
        {
            if (stored.Container?.EndsWith(RawPayloadContainer, StringComparison.Ordinal) == true)
            {
                rawPayloadSeen |= stored.Text.Contains(rawUserId, StringComparison.Ordinal);
                continue;
            }
            Scan(stored.Where, stored.Text);
        }

        var export = Path.Combine(Path.GetTempPath(), "ir-export-" + unique);
        var context = new EvidenceCommandContext(tables, blobs, Pipeline.Services.GetRequiredService<EvidenceStorageOptions>());
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(0, await EvidenceCommand.RunAsync(["export", "--incident", incidentId, "--out", export], context, stdout, stderr));
        foreach (var file in Directory.EnumerateFiles(export, "*", SearchOption.AllDirectories))
        {
            Scan("export " + Path.GetFileName(file), await File.ReadAllTextAsync(file, timeout.Token));
        }
        Directory.Delete(export, recursive: true);

        Assert.True(found.Count == 0, string.Join("\n", found.Distinct().Take(20)));
        Assert.True(scanned > 50, $"only {scanned} items scanned: the scan did not reach the stores");
        // The raw payload is kept, but only in its restricted container, so an investigator can still read it.
        Assert.True(rawPayloadSeen, "the raw alert was not stored in the restricted payload container");
    }
}
