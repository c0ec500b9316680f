namespace ServerlessIR.Core.Evidence;

/// <summary>Output of <see cref="AnchorEvidenceActivity"/>: what was anchored and until when it is kept.</summary>
public sealed record AnchorResult(long RecordCount, string HeadHash, DateTimeOffset RetainUntil);
