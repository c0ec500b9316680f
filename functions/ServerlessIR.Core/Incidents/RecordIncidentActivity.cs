using Microsoft.DurableTask;

namespace ServerlessIR.Core.Incidents;

/// <summary>Writes the incident's current summary to the incident list.</summary>
/// <remarks>Runs at least once: an upsert of the same summary is harmless.</remarks>
[DurableTask(nameof(RecordIncidentActivity))]
public sealed class RecordIncidentActivity(IIncidentStore store) : TaskActivity<IncidentSummary, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, IncidentSummary input)
    {
        await store.UpsertAsync(input);
        return true;
    }
}
