using System.Text.Json.Nodes;

namespace ServerlessIR.Core.Containment;

/// <summary>What a containment step did, with the state before and after (never a secret).</summary>
/// <param name="Status"><c>Succeeded</c> or <c>AlreadyDone</c> (Salesforce may have acted first).</param>
/// <param name="Undo">The prior state a compensating action needs to restore (never a secret); null when irreversible.</param>
public sealed record ContainmentOutcome(string Action, string Status, string Detail, JsonObject? Before = null, JsonObject? After = null, JsonObject? Undo = null);
