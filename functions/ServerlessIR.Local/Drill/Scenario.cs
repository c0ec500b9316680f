using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessIR.StandIns.Salesforce;

namespace ServerlessIR.Local.Drill;

/// <summary>A drill scenario: alerts to send through the real webhook, each after a real-time offset, and how its people answer.</summary>
/// <param name="Approvers">How the drill's people answer approval requests per tier; null: the first tier stays silent, the others approve.</param>
/// <param name="NoticeReviewDelaySeconds">How long the drill's DPO takes to mark each drafted notice submitted (real seconds).</param>
public sealed record Scenario(string Name, string? Description, IReadOnlyList<ScenarioAlert> Alerts,
    IReadOnlyList<ScenarioApprover>? Approvers = null, double NoticeReviewDelaySeconds = 1)
{
    /// <summary>Loads a scenario by name (from <c>Scenarios/</c> beside the binaries) or by file path.</summary>
    public static Scenario Load(string nameOrFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrFile);
        var path = File.Exists(nameOrFile) ? nameOrFile : Path.Combine(AppContext.BaseDirectory, "Scenarios", nameOrFile + ".json");
        if (!File.Exists(path))
        {
            var known = Directory.Exists(Path.Combine(AppContext.BaseDirectory, "Scenarios"))
                ? string.Join(", ", Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Scenarios"), "*.json").Select(Path.GetFileNameWithoutExtension))
                : "none";
            throw new FileNotFoundException($"No scenario '{nameOrFile}' (not a file, and not one of: {known}).");
        }
        var scenario = JsonSerializer.Deserialize<Scenario>(File.ReadAllText(path), JsonSerializerOptions.Web)
            ?? throw new InvalidDataException($"Scenario {path} is empty.");
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
        return scenario;
    }

    // Checked at load, so a typo in a scenario fails before a pipeline starts rather than as an alert nobody relays.
    private static string? Problem(ScenarioAlert alert) => alert.Kind switch
    {
        null or ScenarioAlert.EventKind => alert.Event is null ? "'event' is required." : null,
        ScenarioAlert.SalesforceEventStoreKind when !SalesforceEventStores.Names.Contains(alert.Store ?? "") =>
            $"'store' must be one of: {string.Join(", ", SalesforceEventStores.Names)}.",
        ScenarioAlert.SalesforceEventStoreKind => alert.Record is null ? "'record' is required." : null,
        _ => $"unknown kind '{alert.Kind}' (use '{ScenarioAlert.EventKind}' or '{ScenarioAlert.SalesforceEventStoreKind}').",
    };
}

