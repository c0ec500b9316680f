using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.StandIns.Salesforce;

/// <summary>
/// What the Salesforce stand-in knows: OAuth tokens of connected apps, its client credentials, the calls it received and the
/// effects it applied, and the fault knobs tests and drills set. State persists for the life of the process.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5394", Justification = "Seeded fault injection must repeat for a seed; nothing secret is drawn.")]
public sealed partial class SalesforceStandInState
{
    private readonly object gate = new();
    private readonly List<RecordedCall> calls = [];
    private readonly List<AppliedEffect> effects = [];
    private readonly ConcurrentDictionary<int, string> orgsByPort = new();
    private Random random = new(7);

    public SalesforceStandInState(string clientId, string clientSecret)
    {
        ClientId = clientId;
        ClientSecret = clientSecret;
    }

    public string ClientId { get; }

    /// <summary>The stand-in's clock: when tokens are checked and effects and calls are stamped.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public string ClientSecret { get; }
    public ConcurrentDictionary<string, OauthTokenRecord> Tokens { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, string> AccessTokens { get; } = new(StringComparer.Ordinal);
    public StandInFaults Faults { get; set; } = new();
    public SalesforceEventStores EventStores { get; } = new();

    /// <summary>Gives each AI system's connected app a few live tokens for its integration user.</summary>
    public void Seed(Playbook playbook, int tokensPerApp = 3)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        var n = 0;
        foreach (var system in playbook.AiSystems)
        {
            if (system.Integration?.ConnectedApp is not { } app) continue;
            for (var i = 0; i < tokensPerApp; i++)
            {
                n++;
                var id = $"0CR{n:D12}AAA";
                Tokens[id] = new OauthTokenRecord(id, app, $"005{n:D12}AAA", $"5Aep{Guid.NewGuid():N}", 10 + i);
            }
        }
    }

    /// <summary>
    /// Answers as org <paramref name="orgId"/> on <paramref name="port"/>: each org gets its own instance URL on the stand-in,
    /// so every call is recorded with the org it was made to and a session of one org is refused at another's URL.
    /// </summary>
    public void ServeOrg(int port, string orgId)
    {
        ArgumentException.ThrowIfNullOrEmpty(orgId);
        orgsByPort[port] = orgId;
    }

    /// <summary>The org served on <paramref name="port"/>, or null for the stand-in's shared URL.</summary>
    public string? OrgAt(int port) => orgsByPort.GetValueOrDefault(port);

    public void SetSeed(int seed)
    {
        lock (gate) random = new Random(seed);
    }

    /// <summary>Draws whether this call fails transiently, under the failure-rate knob.</summary>
    public bool ShouldFail()
    {
        lock (gate) return Faults.FailureRate > 0 && random.NextDouble() < Faults.FailureRate;
    }

    public void Record(RecordedCall call)
    {
        lock (gate) calls.Add(call);
    }

    public void Apply(string kind, string target)
    {
        lock (gate) effects.Add(new AppliedEffect(kind, target, Time.GetUtcNow()));
    }

    public IReadOnlyList<RecordedCall> Calls
    {
        get { lock (gate) return [.. calls]; }
    }

    public IReadOnlyList<AppliedEffect> Effects
    {
        get { lock (gate) return [.. effects]; }
    }

    public JsonObject Snapshot() => new()
    {
        ["tokens"] = new JsonArray([.. Tokens.Values.OrderBy(t => t.Id, StringComparer.Ordinal).Select(t => (JsonNode)new JsonObject
        {
            ["id"] = t.Id, ["appName"] = t.AppName, ["userId"] = t.UserId, ["revoked"] = t.Revoked,
        })]),
    };
}
