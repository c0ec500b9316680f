using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Salesforce;

namespace ServerlessIR.TestSupport.Orchestration;

/// <summary>A Salesforce org with live tokens; fails the first <see cref="TransientFailures"/> calls with a 503.</summary>
public sealed class FakeSalesforce : ISalesforceClientFactory, ISalesforceClient
{
    private int failuresLeft;

    public FakeSalesforce(int transientFailures = 0, bool permanent = false)
    {
        failuresLeft = transientFailures;
        Permanent = permanent;
    }

    public bool Permanent { get; }
    public ConcurrentDictionary<string, bool> Tokens { get; } = new(new Dictionary<string, bool> { ["tok-a"] = false, ["tok-b"] = false });
    public int Revocations;

    /// <summary>When set, every query waits for it: a step held in flight until the test lets it go.</summary>
    public TaskCompletionSource? QueryGate { get; set; }

    /// <summary>Completed when the first query has begun.</summary>
    public TaskCompletionSource QueryBegun { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ISalesforceClient ForOrg(string orgId) => this;

    public async Task<IReadOnlyList<JsonElement>> QueryAsync(string soql, CancellationToken cancellationToken = default)
    {
        QueryBegun.TrySetResult();
        if (QueryGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }
        if (Permanent) throw new SalesforceApiException(403, "INSUFFICIENT_ACCESS", "no access", isTransient: false);
        if (Interlocked.Decrement(ref failuresLeft) >= 0) throw new SalesforceApiException(503, "SERVER_UNAVAILABLE", "down", isTransient: true);
        return [.. Tokens.Where(t => !t.Value).Select(t => JsonSerializer.SerializeToElement(new JsonObject { ["Id"] = t.Key, ["DeleteToken"] = t.Key }))];
    }

    public Task<bool> RevokeTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        if (Tokens.TryGetValue(token, out var revoked) && !revoked)
        {
            Tokens[token] = true;
            Interlocked.Increment(ref Revocations);
            return Task.FromResult(true);
        }
        return Task.FromResult(false);
    }

    // The orchestration tests run a playbook whose only step revokes tokens (TestPlaybook); these calls are never made.
    public Task UpdateAsync(string sobject, string id, JsonObject fields, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeleteAsync(string sobject, string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<string?> CreateAsync(string sobject, JsonObject fields, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<string> GetBlobFieldAsync(string sobject, string id, string field, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
