using System.Text.Json.Nodes;

namespace ServerlessIR.Local.Drill;

/// <summary>
/// A request one of the drill's people makes on an incident through the real route, as <see cref="By"/>:
/// <c>false-positive</c> (<c>POST /api/incidents/{id}/false-positive</c>) or <c>facts</c> (<c>POST .../facts</c>, amended
/// facts or a law-enforcement hold), with <see cref="Body"/> as the JSON body. It is made <see cref="AfterSeconds"/> real
/// seconds after the drill's incident number <see cref="Incident"/> (1 = the first opened) shows <see cref="AfterTimeline"/>
/// in its timeline (or after it is known, when absent). A request that needs a second person is seconded by the drill's
/// other people.
/// </summary>
public sealed record ScenarioAction(string Kind, string By, JsonObject? Body = null, double AfterSeconds = 0, string? AfterTimeline = null, int Incident = 1)
{
    public const string FalsePositiveKind = "false-positive";
    public const string FactsKind = "facts";
}
