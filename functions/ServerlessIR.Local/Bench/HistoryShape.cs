using Azure.Data.Tables;

namespace ServerlessIR.Local.Bench;

/// <summary>
/// What one instance's durable history holds, read from the engine's History table: every event, the activities it
/// scheduled (by name) and the timers it set. The pipeline bench counts with it, and so do the tests of what an incident
/// asks of the engine.
/// </summary>
internal sealed record HistoryShape(int Events, IReadOnlyDictionary<string, int> ActivitiesByName, int Timers)
{
    public int Activities => ActivitiesByName.Values.Sum();

    public static async Task<HistoryShape> ReadAsync(TableClient history, string instanceId, CancellationToken cancellationToken)
    {
        int events = 0, timers = 0;
        var activities = new Dictionary<string, int>(StringComparer.Ordinal);
        // The engine's history table: one row per event in the instance's partition, named by its EventType column;
        // a scheduled task's row carries the activity's name.
        await foreach (var row in history.QueryAsync<TableEntity>(e => e.PartitionKey == instanceId, select: ["EventType", "Name"], cancellationToken: cancellationToken))
        {
            var type = row.GetString("EventType");
            if (type is null) continue;
            events++;
            if (type == "TaskScheduled")
            {
                var name = row.GetString("Name") ?? "(unnamed)";
                activities[name] = activities.GetValueOrDefault(name) + 1;
            }
            if (type == "TimerCreated") timers++;
        }
        return new HistoryShape(events, activities, timers);
    }
}
