using System.Text.Json.Nodes;

namespace ServerlessIR.Local.Drill;

/// <summary>One alert of a scenario: a CloudEvent or EventGridEvent, sent <see cref="AfterSeconds"/> after the drill starts.
/// <c>{run}</c> and <c>{now}</c> in its strings become the run ID and the send time.</summary>
public sealed record ScenarioAlert(double AfterSeconds, JsonObject Event);
