namespace ServerlessIR.Core.Evidence;

/// <summary>Write-once storage for <see cref="EvidenceAnchor"/>s.</summary>
public interface IEvidenceAnchorStore
{
    /// <summary>
    /// Stores <paramref name="anchor"/>. If an anchor for the same (incident, record count) exists with the
    /// same head hash, returns the stored one (a retry); with a different head hash, throws
    /// <see cref="EvidenceConflictException"/>. Never overwrites.
    /// </summary>
    Task<EvidenceAnchor> AddAsync(EvidenceAnchor anchor, CancellationToken cancellationToken = default);

    /// <summary>All anchors of an incident, by record count.</summary>
    Task<IReadOnlyList<EvidenceAnchor>> ReadAsync(string incidentId, CancellationToken cancellationToken = default);
}
