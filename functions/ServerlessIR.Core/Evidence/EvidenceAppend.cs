namespace ServerlessIR.Core.Evidence;

/// <summary>Input of <see cref="AppendEvidenceActivity"/>: the orchestration numbers records itself, so appends are in order and a retry writes the same row.</summary>
public sealed record EvidenceAppend(string IncidentId, long Sequence, EvidenceEntry Entry);
