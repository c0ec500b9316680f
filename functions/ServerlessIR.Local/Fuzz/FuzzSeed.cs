using System.Text.Json.Nodes;

namespace ServerlessIR.Local.Fuzz;

/// <summary>A real payload the fuzzer starts from: one event as a source sends it, named after the file it came from.</summary>
public sealed record FuzzSeed(string Name, JsonObject Event)
{
    /// <summary>CloudEvents 1.0 (it has <c>specversion</c>), else an EventGridEvent.</summary>
    public bool IsCloudEvent => Event.ContainsKey("specversion");
}
