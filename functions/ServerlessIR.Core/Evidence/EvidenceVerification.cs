namespace ServerlessIR.Core.Evidence;

/// <summary>Outcome of <see cref="EvidenceVerifier.Verify"/>.</summary>
/// <param name="Verified">True when the chain is intact and matches every anchor.</param>
/// <param name="Records">Number of records read.</param>
/// <param name="HeadHash">Hash of the last record read (null when there is none).</param>
/// <param name="FirstBadSequence">The lowest sequence at which something is wrong; null when verified.</param>
/// <param name="Problem">What is wrong there, in a sentence; null when verified.</param>
/// <param name="AnchorsChecked">How many anchors the head was compared with.</param>
public sealed record EvidenceVerification(
    bool Verified,
    long Records,
    string? HeadHash,
    long? FirstBadSequence,
    string? Problem,
    int AnchorsChecked);
