using System.Collections.Concurrent;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.TestSupport.Orchestration;

public sealed class MemoryAnchors : IEvidenceAnchorStore
{
    private readonly ConcurrentDictionary<string, List<EvidenceAnchor>> anchors = new();

    public Task<EvidenceAnchor> AddAsync(EvidenceAnchor anchor, CancellationToken cancellationToken = default)
    {
        var list = anchors.GetOrAdd(anchor.IncidentId, _ => []);
        lock (list) list.Add(anchor);
        return Task.FromResult(anchor);
    }

    public Task<IReadOnlyList<EvidenceAnchor>> ReadAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        var list = anchors.GetOrAdd(incidentId, _ => []);
        lock (list) return Task.FromResult<IReadOnlyList<EvidenceAnchor>>([.. list]);
    }
}
