using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Incidents;

/// <summary>An in-memory hash-chained ledger for orchestration tests (the Table Storage one is tested on Azurite).</summary>
internal sealed class MemoryLedger : IEvidenceLedger
{
    private readonly ConcurrentDictionary<string, List<EvidenceRecord>> chains = new();

    public Task<EvidenceRecord> AppendAsync(string incidentId, long sequence, EvidenceEntry entry, CancellationToken cancellationToken = default)
    {
        var chain = chains.GetOrAdd(incidentId, _ => []);
        lock (chain)
        {
            if (chain.Count >= sequence) return Task.FromResult(chain[(int)sequence - 1]);
            if (chain.Count != sequence - 1) throw new InvalidOperationException($"gap before {sequence}");
            var previous = chain.Count == 0 ? EvidenceHasher.GenesisHash : chain[^1].Hash;
            var record = EvidenceHasher.Seal(new EvidenceRecord(incidentId, sequence, entry.Kind, entry.Actor, entry.Summary,
                entry.IncidentTime, DateTimeOffset.UtcNow, entry.Payload, previous, ""));
            chain.Add(record);
            return Task.FromResult(record);
        }
    }

    public Task<IReadOnlyList<EvidenceRecord>> ReadAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        var chain = chains.GetOrAdd(incidentId, _ => []);
        lock (chain) return Task.FromResult<IReadOnlyList<EvidenceRecord>>([.. chain]);
    }

    public Task<IReadOnlyList<string>> ListIncidentsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([.. chains.Keys]);

    public Task<IReadOnlyList<string>> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}

internal sealed class MemoryAnchors : IEvidenceAnchorStore
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

internal sealed class MemoryIncidents : IIncidentStore
{
    public ConcurrentDictionary<string, IncidentSummary> Rows { get; } = new();

    public Task UpsertAsync(IncidentSummary incident, CancellationToken cancellationToken = default)
    {
        Rows[incident.Id] = incident;
        return Task.CompletedTask;
    }

    public Task<IncidentSummary?> GetAsync(string incidentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Rows.GetValueOrDefault(incidentId));

    public Task<IReadOnlyList<IncidentSummary>> ListAsync(int skip, int take, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<IncidentSummary>>([.. Rows.Values.OrderByDescending(r => r.OpenedAt).Skip(skip).Take(take)]);
}

internal sealed class MemoryMail : IMailSender
{
    public ConcurrentQueue<EmailMessage> Sent { get; } = new();

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        Sent.Enqueue(message);
        return Task.CompletedTask;
    }
}

/// <summary>A Salesforce org with live tokens; fails the first <see cref="TransientFailures"/> calls with a 503.</summary>
internal sealed class FakeSalesforce : ISalesforceClientFactory, ISalesforceClient
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

    public ISalesforceClient ForOrg(string orgId) => this;

    public Task<IReadOnlyList<JsonElement>> QueryAsync(string soql, CancellationToken cancellationToken = default)
    {
        if (Permanent) throw new SalesforceApiException(403, "INSUFFICIENT_ACCESS", "no access", isTransient: false);
        if (Interlocked.Decrement(ref failuresLeft) >= 0) throw new SalesforceApiException(503, "SERVER_UNAVAILABLE", "down", isTransient: true);
        var rows = Tokens.Where(t => !t.Value).Select(t => JsonSerializer.SerializeToElement(new JsonObject { ["Id"] = t.Key, ["DeleteToken"] = t.Key })).ToList();
        return Task.FromResult<IReadOnlyList<JsonElement>>(rows);
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

/// <summary>The default playbook with token revocation as its only containment step: the other actions need stand-ins.</summary>
internal static class TestPlaybook
{
    public static Playbook RevokeOnly()
    {
        var playbook = PlaybookLoader.LoadDefault();
        return playbook with
        {
            Containment = playbook.Containment with
            {
                Steps = [.. playbook.Containment.Steps.Where(s => s.Action == ContainmentActions.RevokeOAuthTokens)],
            },
        };
    }
}
