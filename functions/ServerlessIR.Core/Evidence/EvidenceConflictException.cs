namespace ServerlessIR.Core.Evidence;

/// <summary>
/// A different record already sits at (incident, sequence). Evidence is never overwritten, so this
/// means two writers disagree about history, which must stop the orchestration rather than be retried.
/// </summary>
public sealed class EvidenceConflictException : Exception
{
    public EvidenceConflictException(string incidentId, long sequence, string detail)
        : base($"Evidence conflict for incident '{incidentId}' at sequence {sequence}: {detail}")
    {
        IncidentId = incidentId;
        Sequence = sequence;
    }

    public string IncidentId { get; }

    public long Sequence { get; }
}
