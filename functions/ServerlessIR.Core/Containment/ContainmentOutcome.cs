using System.Text.Json.Nodes;

namespace ServerlessIR.Core.Containment;

/// <summary>What a containment step did, with the state before and after (never a secret).</summary>
/// <param name="Status"><see cref="ContainmentStatus.Succeeded"/> or <see cref="ContainmentStatus.AlreadyDone"/>.</param>
/// <param name="Undo">
/// The prior state the compensation needs to restore (e.g. the permission set assignments removed); null when the action is
/// irreversible or changed nothing. Never a secret: it is stored in the durable history and in evidence.
/// </param>
public sealed record ContainmentOutcome(
    string Action,
    ContainmentStatus Status,
    string Detail,
    JsonObject? Before = null,
    JsonObject? After = null,
    JsonObject? Undo = null);
