using System.Collections.Concurrent;
using ServerlessIR.Core.Approvals;

namespace ServerlessIR.TestSupport.Fakes;

/// <summary>A process-local ledger for tests and single-process tools; it forgets on restart, so hosts use the table one.</summary>
public sealed class InMemoryApprovalTokenLedger : IApprovalTokenLedger
{
    private readonly ConcurrentDictionary<string, byte> used = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StandingDecision> decisions = new(StringComparer.Ordinal);

    public Task<StandingDecision?> TryRecordDecisionAsync(string decisionKey, StandingDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(decisionKey);
        var standing = decisions.GetOrAdd(decisionKey, decision);
        return Task.FromResult(ReferenceEquals(standing, decision) ? null : standing);
    }

    public Task ForgetDecisionAsync(string decisionKey, CancellationToken cancellationToken = default)
    {
        decisions.TryRemove(decisionKey, out _);
        return Task.CompletedTask;
    }

    public Task<bool> TryConsumeAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        return Task.FromResult(used.TryAdd(tokenId, 0));
    }

    public Task<bool> IsConsumedAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        return Task.FromResult(used.ContainsKey(tokenId));
    }

    public Task ReleaseAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        used.TryRemove(tokenId, out _);
        return Task.CompletedTask;
    }
}
