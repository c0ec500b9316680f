using Azure.Data.Tables;

namespace ServerlessIR.Local.Bench;

/// <summary>
/// What one instance's durable history holds, read from the engine's History table: every event, the activities it
/// scheduled (by name) and the timers it set. The pipeline bench counts with it, and so do the tests of what an incident
/// asks of the engine.
/// </summary>
/// <param name="PayloadChars">
/// The characters of every event's stored data (inputs, results, names): what each replay of the instance reads back. A
/// payload the backend moved to a blob counts as its reference only.
/// </param>
/// <param name="InputCharsByName">Of those, the activities' inputs, by activity name.</param>
internal sealed record HistoryShape(int Events, IReadOnlyDictionary<string, int> ActivitiesByName, int Timers, long PayloadChars,
    IReadOnlyDictionary<string, long> InputCharsByName)
{
    public int Activities => ActivitiesByName.Values.Sum();

    public static async Task<HistoryShape> ReadAsync(TableClient history, string instanceId, CancellationToken cancellationToken)
    {
        int events = 0, timers = 0;
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
            foreach (var (key, value) in row)
            {
                if (value is string text && key is not ("PartitionKey" or "RowKey" or "odata.etag"))
                {
                    payload += text.Length;
                }
            }
            if (type == "TaskScheduled")
            {
                var name = row.GetString("Name") ?? "(unnamed)";
                activities[name] = activities.GetValueOrDefault(name) + 1;
                inputs[name] = inputs.GetValueOrDefault(name) + (row.GetString("Input")?.Length ?? 0);
            }
            if (type == "TimerCreated") timers++;
        }
        return new HistoryShape(events, activities, timers, payload, inputs);
    }
}
