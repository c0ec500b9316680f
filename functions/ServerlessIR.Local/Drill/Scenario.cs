using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Incidents;
using ServerlessIR.StandIns.Salesforce;

namespace ServerlessIR.Local.Drill;

/// <summary>A drill scenario: alerts to send through the real webhook, each after a real-time offset, how its people answer
/// and act, and what counts as passing.</summary>
/// <param name="Approvers">How the drill's people answer approval requests per tier; null: the first tier stays silent, the others approve.</param>
/// <param name="NoticeReviewDelaySeconds">How long the drill's DPO takes to mark each drafted notice submitted (real seconds).</param>
/// <param name="Criteria">What passing means (<see cref="ScenarioCriteria"/>); null: contained with verified evidence.</param>
/// <param name="AiSystems">AI systems added to the playbook for this scenario, in the playbook's <c>aiSystems</c> shape.</param>
/// <param name="Actions">Requests the drill's people make on the incidents (false positive, amended facts, holds).</param>
/// <param name="CheckoutTraffic">Checkout traffic run against the AI features while the drill runs.</param>
/// <param name="CloseWithReview">Whether the incident waits for closure once its clocks are done and the drill's people close it
/// with a post-incident review (docs/lifecycle.md); off, it ends <c>Contained</c> as before.</param>
/// <param name="HumanWaitFloorSeconds">The least real time a person's wait lasts in this scenario (docs/clock.md); null: the
/// pipeline's default. A longer floor makes each real second of a person's answer stand for less incident time, so a
/// scenario that judges answers in incident minutes is not decided by page round trips on a busy machine.</param>
public sealed record Scenario(string Name, string? Description, IReadOnlyList<ScenarioAlert> Alerts,
    IReadOnlyList<ScenarioApprover>? Approvers = null, double NoticeReviewDelaySeconds = 1,
    ScenarioCriteria? Criteria = null, JsonArray? AiSystems = null,
    IReadOnlyList<ScenarioAction>? Actions = null, ScenarioCheckoutTraffic? CheckoutTraffic = null, bool CloseWithReview = false,
    double? HumanWaitFloorSeconds = null)
{
    /// <summary>The longest human-wait floor a scenario may set: a silent tier waits this long in real time.</summary>
    public const double MaxHumanWaitFloorSeconds = 600;

    private static readonly string[] ApproverDecisions = ["silent", "approve", "reject"];
    private static readonly string[] LastTierDefaults = ["proceed", "hold"];
    private static readonly string[] Severities = ["SEV1", "SEV2", "SEV3", "SEV4"];

    /// <summary>The folder of the catalogue: <c>Scenarios/</c> beside the binaries.</summary>
    public static string CatalogueFolder => Path.Combine(AppContext.BaseDirectory, "Scenarios");

    /// <summary>The catalogue's scenario names, in name order.</summary>
    public static IReadOnlyList<string> CatalogueNames() =>
        Directory.Exists(CatalogueFolder)
            ? [.. Directory.GetFiles(CatalogueFolder, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The criteria this scenario is judged by: its own, or <see cref="ScenarioCriteria.Default"/>.</summary>
    public ScenarioCriteria PassCriteria => Criteria ?? ScenarioCriteria.Default;

    /// <summary>Loads a scenario by name (from <c>Scenarios/</c> beside the binaries) or by file path.</summary>
    public static Scenario Load(string nameOrFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrFile);
        var path = File.Exists(nameOrFile) ? nameOrFile : Path.Combine(CatalogueFolder, nameOrFile + ".json");
        if (!File.Exists(path))
        {
            var known = CatalogueNames() is { Count: > 0 } names ? string.Join(", ", names) : "none";
            throw new FileNotFoundException($"No scenario '{nameOrFile}' (not a file, and not one of: {known}).");
        }
        var text = File.ReadAllText(path);
        // Unknown criteria are named before deserializing, so a typo says which names exist rather than which type refused it.
        if (JsonNode.Parse(text)?["criteria"] is JsonObject criteria
            && criteria.Select(c => c.Key).FirstOrDefault(k => !ScenarioCriteria.Names.Contains(k, StringComparer.Ordinal)) is { } unknown)
        {
            throw new InvalidDataException($"Scenario {path}: unknown criterion '{unknown}' (known: {string.Join(", ", ScenarioCriteria.Names)}).");
        }
        Scenario scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<Scenario>(text, JsonSerializerOptions.Web)
                ?? throw new InvalidDataException($"Scenario {path} is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Scenario {path}: {ex.Message}", ex);
        }
        if (scenario.Alerts is not { Count: > 0 })
        {
            throw new InvalidDataException($"Scenario {path} has no alerts.");
        }
        for (var i = 0; i < scenario.Alerts.Count; i++)
        {
            if (Problem(scenario.Alerts[i]) is { } problem)
            {
                throw new InvalidDataException($"Scenario {path}, alert {i + 1}: {problem}");
            }
        }
        for (var i = 0; i < (scenario.Actions?.Count ?? 0); i++)
        {
            if (Problem(scenario.Actions![i]) is { } problem)
            {
                throw new InvalidDataException($"Scenario {path}, action {i + 1}: {problem}");
            }
        }
        if (scenario.Approvers?.FirstOrDefault(a => !ApproverDecisions.Contains(a.Decision, StringComparer.Ordinal)) is { } approver)
        {
            throw new InvalidDataException($"Scenario {path}, approver '{approver.Tier}': decision must be one of {string.Join(", ", ApproverDecisions)} (got '{approver.Decision}').");
        }
        if (Problem(scenario.Criteria) is { } criterion)
        {
            throw new InvalidDataException($"Scenario {path}, criteria: {criterion}");
        }
        if (scenario.CheckoutTraffic is { RequestsPerSecond: <= 0 or > 100 } or { AiSystems: not { Count: > 0 } })
        {
            throw new InvalidDataException($"Scenario {path}: 'checkoutTraffic' needs aiSystems and 0 < requestsPerSecond <= 100.");
        }
        if (scenario.HumanWaitFloorSeconds is { } floor and not (> 0 and <= MaxHumanWaitFloorSeconds))
        {
            throw new InvalidDataException($"Scenario {path}: 'humanWaitFloorSeconds' must be more than 0 and at most {MaxHumanWaitFloorSeconds:0} (got {floor}).");
        }
        return scenario;
    }

    /// <summary>This scenario with every repeated alert sending <paramref name="count"/> alerts (the storm's size as a parameter).</summary>
    public Scenario WithRepeatCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return this with { Alerts = [.. Alerts.Select(a => a.Repeat is null ? a : a with { Repeat = a.Repeat with { Count = count } })] };
    }

    // Checked at load, so a typo in a scenario fails before a pipeline starts rather than as an alert nobody relays.
    private static string? Problem(ScenarioAlert alert) => alert.Kind switch
    {
        _ when alert.Repeat is { } r && (r.Count <= 0 || r.Keys is not { Count: > 0 } || r.BatchSize is <= 0 or > 1000 || r.OverSeconds < 0) =>
            "'repeat' needs count > 0, at least one key, 0 < batchSize <= 1000 and overSeconds >= 0.",
        _ when alert.Repeat is not null && alert.IsSalesforceEventStore => "'repeat' applies to webhook events only.",
        null or ScenarioAlert.EventKind => alert.Event is null ? "'event' is required." : null,
        ScenarioAlert.SalesforceEventStoreKind when !SalesforceEventStores.Names.Contains(alert.Store ?? "") =>
            $"'store' must be one of: {string.Join(", ", SalesforceEventStores.Names)}.",
        ScenarioAlert.SalesforceEventStoreKind => alert.Record is null ? "'record' is required." : null,
        _ => $"unknown kind '{alert.Kind}' (use '{ScenarioAlert.EventKind}' or '{ScenarioAlert.SalesforceEventStoreKind}').",
    };

    private static string? Problem(ScenarioAction action) => action switch
    {
        { Kind: not (ScenarioAction.FalsePositiveKind or ScenarioAction.FactsKind) } =>
            $"unknown kind '{action.Kind}' (use '{ScenarioAction.FalsePositiveKind}' or '{ScenarioAction.FactsKind}').",
        { By: null or "" } => "'by' (who makes the request) is required.",
        { Body: null } => "'body' is required.",
        { Incident: < 1 } => "'incident' counts from 1.",
        _ => null,
    };

    private static string? Problem(ScenarioCriteria? criteria) => criteria switch
    {
        null => null,
        { Status: { } s } when !Enum.TryParse<IncidentStatus>(s, ignoreCase: true, out _) =>
            $"'status' must be one of: {string.Join(", ", Enum.GetNames<IncidentStatus>())} (got '{s}').",
        { ApprovalDefault: { } d } when !LastTierDefaults.Contains(d, StringComparer.Ordinal) => $"'approvalDefault' must be 'proceed' or 'hold' (got '{d}').",
        { Severity: { } v } when !Severities.Contains(v, StringComparer.Ordinal) => $"'severity' must be one of: {string.Join(", ", Severities)} (got '{v}').",
        { Incidents: < 0 } or { ObligationsOnHold: < 0 } or { ContainedWithinIncidentMinutes: < 0 } or { ContainedWithinRealSeconds: < 0 }
            or { FirstApprovalWithinIncidentMinutes: < 0 } => "counts and limits cannot be negative.",
        _ => null,
    };
}
