namespace ServerlessIR.Core.Evidence;

/// <summary>The <c>manifest.json</c> of an evidence export.</summary>
/// <param name="Incident">Incident ID.</param>
/// <param name="RecordCount">Lines in <c>records.jsonl</c>.</param>
/// <param name="HeadHash">Hash of the last record.</param>
/// <param name="Anchor">The latest anchor at export time (null when the incident was never anchored).</param>
/// <param name="HashAlgorithm">What the hashes are.</param>
/// <param name="GenesisHash">previousHash of record 1.</param>
/// <param name="HowToVerify">A few sentences an auditor follows without our tools.</param>
/// <param name="Verified">Whether the chain verified when exported.</param>
/// <param name="Problem">The first problem found at export time, if any.</param>
/// <param name="GeneratedAt">When the export was written.</param>
/// <param name="Exercise">The incident was an exercise: nothing in it happened to production or was sent to a regulator.</param>
public sealed record EvidenceManifest(
    string Incident,
    long RecordCount,
    string? HeadHash,
    EvidenceAnchor? Anchor,
    string HashAlgorithm,
    string GenesisHash,
    string HowToVerify,
    bool Verified,
    string? Problem,
    DateTimeOffset GeneratedAt,
    bool Exercise = false);
