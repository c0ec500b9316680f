using Microsoft.DurableTask;
using ServerlessIR.Core.Ingestion.Correlation;

namespace ServerlessIR.Core.Incidents;

/// <summary>Takes the signals that joined the incident quietly since its last batch (<see cref="IJoinLedger"/>).</summary>
/// <remarks>
/// Runs at least once: a batch number is made once, and a retry with the same number returns the same signals; sealing
/// again changes nothing.
/// </remarks>
[DurableTask(nameof(TakeJoinedSignalsActivity))]
public sealed class TakeJoinedSignalsActivity(IJoinLedger joins) : TaskActivity<TakeJoinedSignalsRequest, JoinBatch>
{
    public override async Task<JoinBatch> RunAsync(TaskActivityContext context, TakeJoinedSignalsRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Final)
        {
            // Sealed before the read: a signal recorded after this is withdrawn by ingestion, one before is read below.
            await joins.SealAsync(input.IncidentId);
        }
        return await joins.TakeAsync(input.IncidentId, input.Number);
    }
}
