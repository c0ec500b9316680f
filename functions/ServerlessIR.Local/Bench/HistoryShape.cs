using System.IO.Compression;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace ServerlessIR.Local.Bench;

/// <summary>
/// What one instance's durable history holds, read from the engine's History table: every event, the activities it
/// scheduled (by name) and the timers it set. The pipeline bench counts with it, and so do the tests of what an incident
/// asks of the engine.
/// </summary>
/// <param name="PayloadChars">
/// The characters of every event's stored data (inputs, results, names): what each replay of the instance reads back. A
/// payload the backend moved to a blob (one too large for a table column) counts as the data the blob holds, when the
/// large-message container is given; as its reference only otherwise.
/// </param>
/// <param name="InputCharsByName">Of those, the activities' inputs, by activity name.</param>
/// <param name="BlobPayloads">How many of the payloads were in blobs.</param>
internal sealed record HistoryShape(int Events, IReadOnlyDictionary<string, int> ActivitiesByName, int Timers, long PayloadChars,
    IReadOnlyDictionary<string, long> InputCharsByName, int BlobPayloads)
{
    public int Activities => ActivitiesByName.Values.Sum();

    public static Task<HistoryShape> ReadAsync(TableClient history, string instanceId, CancellationToken cancellationToken) =>
        ReadAsync(history, null, instanceId, cancellationToken);

    /// <param name="largeMessages">The engine's large-message container (<c>{taskhub}-largemessages</c>), to count what its blobs hold.</param>
    public static async Task<HistoryShape> ReadAsync(TableClient history, BlobContainerClient? largeMessages, string instanceId, CancellationToken cancellationToken)
    {
        int events = 0, timers = 0, blobs = 0;
        long payload = 0;
        var activities = new Dictionary<string, int>(StringComparer.Ordinal);
        var inputs = new Dictionary<string, long>(StringComparer.Ordinal);
        // The engine's history table: one row per event in the instance's partition, named by its EventType column;
        // a scheduled task's row carries the activity's name.
        await foreach (var row in history.QueryAsync<TableEntity>(e => e.PartitionKey == instanceId, cancellationToken: cancellationToken))
        {
            var type = row.GetString("EventType");
            if (type is null) continue;
            events++;
            long input = row.GetString("Input")?.Length ?? 0;
            foreach (var (key, value) in row)
            {
                if (value is string text && key is not ("PartitionKey" or "RowKey" or "odata.etag"))
                {
                    payload += text.Length;
                    // Azure Storage's backend keeps a payload too large for its column in a gzip blob and names it here
                    // (InputBlobName, ResultBlobName); a replay downloads it.
                    if (largeMessages is not null && key.EndsWith("BlobName", StringComparison.Ordinal) && text.Length > 0)
                    {
                        var chars = await BlobCharsAsync(largeMessages, text, cancellationToken);
                        payload += chars;
                        blobs++;
                        input += key == "InputBlobName" ? chars : 0;
                    }
                }
            }
            if (type == "TaskScheduled")
            {
                var name = row.GetString("Name") ?? "(unnamed)";
                activities[name] = activities.GetValueOrDefault(name) + 1;
                inputs[name] = inputs.GetValueOrDefault(name) + input;
            }
            if (type == "TimerCreated") timers++;
        }
        return new HistoryShape(events, activities, timers, payload, inputs, blobs);
    }

    private static async Task<long> BlobCharsAsync(BlobContainerClient container, string name, CancellationToken cancellationToken)
    {
        var content = (await container.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value.Content.ToStream();
        Stream data = name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(content, CompressionMode.Decompress) : content;
        await using (data)
        {
            using var reader = new StreamReader(data);
            return (await reader.ReadToEndAsync(cancellationToken)).Length;
        }
    }
}
