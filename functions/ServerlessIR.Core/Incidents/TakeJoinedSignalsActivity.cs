using Microsoft.DurableTask;
using ServerlessIR.Core.Ingestion.Correlation;

namespace ServerlessIR.Core.Incidents;

/// <summary>Takes the signals that joined the incident quietly since its last batch (<see cref="IJoinLedger"/>).</summary>
/// <remarks>
/// Runs at least once: a batch number is made once, and a retry with the same number returns the same signals.
/// </remarks>
[DurableTask(nameof(TakeJoinedSignalsActivity))]
public sealed class TakeJoinedSignalsActivity(IJoinLedger joins) : TaskActivity<TakeJoinedSignalsRequest, JoinBatch>
{
    public override Task<JoinBatch> RunAsync(TaskActivityContext context, TakeJoinedSignalsRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return joins.TakeAsync(input.IncidentId, input.Number);
    }
}
