using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Time.Testing;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Retention;
using ServerlessIR.Local.Commands;
using ServerlessIR.Local.Hosting;
using ServerlessIR.Local.Tests.Hosting;

namespace ServerlessIR.Local.Tests.Privacy;

/// <summary>
/// The retention sweep (<c>ir retention</c>, the same <c>RetentionSweeper</c> as the Functions app's timer) on the local
/// pipeline's Azurite: what was written before the cut-off goes, what was written after it stays, and evidence and
/// incident records stay whatever their age. A delivery's raw payloads share one blob, so erasing one means erasing the
/// delivery: every event of the old delivery is gone from the raw store, every event of the new one still reads.
/// </summary>
[Trait("Category", "Storage")]
[Collection(LocalPipelineCollection.Name)]
public sealed class RetentionSweepTests(LocalPipelineFixture fixture)
{
    private const string DeadLetters = "deadletter";

    private LocalPipeline Pipeline => fixture.Pipeline;

    [Fact]
    public async Task SweepAsync_ItemsOnBothSidesOfTheCutoff_OlderPurgedNewerAndEvidenceKept()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var tables = new TableServiceClient(Pipeline.Azurite.ConnectionString);
        var blobs = new BlobServiceClient(Pipeline.Azurite.ConnectionString);
        var deadLetters = blobs.GetBlobContainerClient(DeadLetters);
        await deadLetters.CreateIfNotExistsAsync(cancellationToken: timeout.Token);

        var old = await WriteAllKindsAsync("old", deadLetters, timeout.Token);
        var rawAlerts = blobs.GetBlobContainerClient((fixture.StoragePrefix + "raw-alerts").ToLowerInvariant());
        // Storage stamps rows and blobs with its own clock: a clear gap on each side of the cut-off.
        await Task.Delay(TimeSpan.FromSeconds(2), timeout.Token);
        var cutoff = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(2), timeout.Token);
        var recent = await WriteAllKindsAsync("new", deadLetters, timeout.Token);
        var evidence = tables.GetTableClient(fixture.StoragePrefix + "Evidence");
        var evidenceRowsOfOld = await CountAsync(evidence, old.IncidentId, timeout.Token);
        Assert.True(evidenceRowsOfOld > 0, "the old smoke incident recorded no evidence");

        // One day for every store, and a clock one day past the cut-off: every store's cut-off is the same instant.
        var settings = new Dictionary<string, string?>
        {
            ["ServerlessIR:Retention:CompletedIncidentDays"] = "1",
            ["ServerlessIR:Retention:RawAlertDays"] = "1",
            ["ServerlessIR:Retention:RejectedEventDays"] = "1",
            ["ServerlessIR:Retention:DeliveryClaimDays"] = "1",
            ["ServerlessIR:Retention:DeadLetterDays"] = "1",
        };
        var clock = new FakeTimeProvider(cutoff.AddDays(1));

        var dry = await RetentionCommand.SweepAsync(Pipeline.Azurite.ConnectionString, fixture.StoragePrefix, fixture.TaskHub, dryRun: true,
            timeout.Token, clock, settings);
        Assert.True(dry.Succeeded, string.Join("; ", dry.Stores.Select(s => $"{s.Store}: {s.Error}")));
        Assert.All(dry.Stores, s => Assert.True(s.Purged >= 1, $"{s.Store}: nothing counted"));
        Assert.NotNull(await Pipeline.Client.GetInstanceAsync(old.IncidentId, timeout.Token));
        foreach (var reference in old.PayloadRefs.Concat(recent.PayloadRefs))
        {
            Assert.True(await ReadsBackAsync(rawAlerts, reference, timeout.Token), $"{reference} does not read back before the sweep");
        }

        var swept = await RetentionCommand.SweepAsync(Pipeline.Azurite.ConnectionString, fixture.StoragePrefix, fixture.TaskHub, dryRun: false,
            timeout.Token, clock, settings);

        Assert.True(swept.Succeeded, string.Join("; ", swept.Stores.Select(s => $"{s.Store}: {s.Error}")));
        Assert.All(swept.Stores, s => Assert.Equal(cutoff, s.Cutoff));
        Assert.Null(await Pipeline.Client.GetInstanceAsync(old.IncidentId, timeout.Token));
        Assert.NotNull(await Pipeline.Client.GetInstanceAsync(recent.IncidentId, timeout.Token));
        foreach (var reference in old.PayloadRefs)
        {
            Assert.False(await ReadsBackAsync(rawAlerts, reference, timeout.Token), $"{reference} still reads after the sweep");
        }
        foreach (var reference in recent.PayloadRefs)
        {
            Assert.True(await ReadsBackAsync(rawAlerts, reference, timeout.Token), $"{reference} was swept before its time");
        }
        // No other copy survives either: no raw blob holds the old events' IDs (the envelope is kept whole).
        Assert.Empty(await RawBlobsHoldingAsync(rawAlerts, old.EventIds, timeout.Token));
        Assert.False(await ClaimExistsAsync(tables, old.DedupeKey, timeout.Token));
        Assert.True(await ClaimExistsAsync(tables, recent.DedupeKey, timeout.Token));
        Assert.False(await RejectedExistsAsync(tables, old.RejectedEventId, timeout.Token));
        Assert.True(await RejectedExistsAsync(tables, recent.RejectedEventId, timeout.Token));
        Assert.False(await deadLetters.GetBlobClient(old.DeadLetter).ExistsAsync(timeout.Token));
        Assert.True(await deadLetters.GetBlobClient(recent.DeadLetter).ExistsAsync(timeout.Token));

        // Never swept: the old incident's evidence and its record.
        Assert.Equal(evidenceRowsOfOld, await CountAsync(evidence, old.IncidentId, timeout.Token));
        var record = await AllAsync(tables.GetTableClient(fixture.StoragePrefix + "Incidents").QueryAsync<TableEntity>(
            e => e.RowKey == old.IncidentId || e.PartitionKey == old.IncidentId, cancellationToken: timeout.Token));
        Assert.True(record.Count > 0, "the old incident's record was swept");

        // What the sweep did, for an auditor: counts and the cut-off, one row per sweep.
        var row = (await AllAsync(tables.GetTableClient(fixture.StoragePrefix + "RetentionSweeps").QueryAsync<TableEntity>(cancellationToken: timeout.Token)))[0];
        Assert.True(row.GetInt32(nameof(RetainedStore.RawAlerts)) >= 1);
        Assert.Equal(cutoff, row.GetDateTimeOffset(nameof(RetainedStore.RawAlerts) + "Cutoff"));
        Assert.Contains(fixture.TaskHub, row.GetString(nameof(RetainedStore.DurableInstances) + "Scopes"), StringComparison.Ordinal);
    }

    private sealed record Written(string IncidentId, string DedupeKey, IReadOnlyList<string> EventIds, IReadOnlyList<string> PayloadRefs,
        string RejectedEventId, string DeadLetter);

    /// <summary>
    /// One delivery of two smoke incidents run to their end (instances, their raw alerts sharing the delivery's blob, claims,
    /// evidence, records) and a rejected event; and a dead letter.
    /// </summary>
    private async Task<Written> WriteAllKindsAsync(string name, BlobContainerClient deadLetters, CancellationToken cancellationToken)
    {
        var unique = Guid.NewGuid().ToString("N")[..12];
        string[] ids = [$"retention-{name}-{unique}", $"retention-{name}-second-{unique}"];
        var rejectedId = $"retention-rejected-{name}-{unique}";
        const string source = "/tests/retention";
        using var http = new HttpClient();
        using var body = new StringContent(JsonSerializer.Serialize(new object[]
        {
            new { specversion = "1.0", type = SmokeTestSource.EventType, source, id = ids[0], data = new { } },
            new { specversion = "1.0", type = SmokeTestSource.EventType, source, id = ids[1], data = new { } },
            new { specversion = "1.0", type = "Tests.Retention.Unknown", source, id = rejectedId, data = new { } },
        }), Encoding.UTF8, "application/cloudevents-batch+json");
        using var response = await http.PostAsync(Pipeline.EventsUrl, body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, text);
        var incidentIds = JsonNode.Parse(text)!["incidents"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.Equal(2, incidentIds.Count);
        var refs = new List<string>();
        foreach (var incidentId in incidentIds)
        {
            var ended = await Pipeline.Client.WaitForInstanceCompletionAsync(incidentId, getInputsAndOutputs: true, cancellationToken);
            refs.Add(ended.ReadInputAs<IncidentInput>()!.FirstSignal.PayloadRef);
        }
        // The premise of the erasure checks: both events' payloads are slices of the one blob their delivery wrote.
        Assert.All(refs, r => Assert.True(PayloadReference.Parse(r).IsSlice, r));
        Assert.Single(refs.Select(r => PayloadReference.Parse(r).Blob).Distinct());
        var deadLetter = $"tests/{name}-{unique}.json";
        await deadLetters.UploadBlobAsync(deadLetter, BinaryData.FromString("{}"), cancellationToken);
        return new Written(incidentIds[0], new IncomingEvent(ids[0], source, "", null, default, "").DedupeKey, ids, refs, rejectedId, deadLetter);
    }

    /// <summary>Whether the slice a reference names is there and holds what was recorded for it (length and SHA-256).</summary>
    private static async Task<bool> ReadsBackAsync(BlobContainerClient rawAlerts, string reference, CancellationToken cancellationToken)
    {
        var parsed = PayloadReference.Parse(reference);
        var blob = rawAlerts.GetBlobClient(parsed.Blob);
        if (!await blob.ExistsAsync(cancellationToken))
        {
            return false;
        }
        var bytes = (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToArray()
            .AsSpan((int)parsed.Offset!.Value, (int)parsed.Length!.Value);
        Assert.Equal(parsed.Sha256Hex, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        return true;
    }

    private static async Task<List<string>> RawBlobsHoldingAsync(BlobContainerClient rawAlerts, IReadOnlyList<string> eventIds, CancellationToken cancellationToken)
    {
        var holding = new List<string>();
        await foreach (var item in rawAlerts.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            var content = (await rawAlerts.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken)).Value.Content.ToString();
            if (eventIds.Any(id => content.Contains(id, StringComparison.Ordinal)))
            {
                holding.Add(item.Name);
            }
        }
        return holding;
    }

    private async Task<bool> ClaimExistsAsync(TableServiceClient tables, string dedupeKey, CancellationToken cancellationToken) =>
        (await tables.GetTableClient(fixture.StoragePrefix + "Deliveries")
            .GetEntityIfExistsAsync<TableEntity>(DeliveryClaims.PartitionOf(dedupeKey), dedupeKey, cancellationToken: cancellationToken)).HasValue;

    private async Task<bool> RejectedExistsAsync(TableServiceClient tables, string eventId, CancellationToken cancellationToken) =>
        (await AllAsync(tables.GetTableClient(fixture.StoragePrefix + "RejectedEvents")
            .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"EventId eq {eventId}"), cancellationToken: cancellationToken))).Count > 0;

    private static async Task<int> CountAsync(TableClient table, string partition, CancellationToken cancellationToken) =>
        (await AllAsync(table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["RowKey"], cancellationToken: cancellationToken))).Count;

    private static async Task<List<TableEntity>> AllAsync(Azure.AsyncPageable<TableEntity> rows)
    {
        var list = new List<TableEntity>();
        await foreach (var row in rows)
        {
            list.Add(row);
        }
        return list;
    }
}
