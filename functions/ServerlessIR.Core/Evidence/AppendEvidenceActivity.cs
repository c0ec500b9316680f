using Microsoft.DurableTask;

namespace ServerlessIR.Core.Evidence;

/// <summary>Appends one record to the incident's evidence ledger.</summary>
/// <remarks>Runs at least once: the ledger's append is idempotent per (incident, sequence).</remarks>
[DurableTask(nameof(AppendEvidenceActivity))]
public sealed class AppendEvidenceActivity(IEvidenceLedger ledger) : TaskActivity<EvidenceAppend, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, EvidenceAppend input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var record = await ledger.AppendAsync(input.IncidentId, input.Sequence, input.Entry);
        return record.Hash;
    }
}
