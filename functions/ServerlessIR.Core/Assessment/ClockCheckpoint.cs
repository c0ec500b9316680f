using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Assessment;

/// <summary>
/// One moment at which the orchestrator wakes for an obligation: <see cref="Name"/> is <c>24h</c>-style, <c>warning</c>
/// or <c>deadline</c>; <see cref="DueAt"/> is in incident time; <see cref="Action"/> is a ladder action.
/// </summary>
public sealed record ClockCheckpoint
{
    public required string Regime { get; init; }
    public required string Recipient { get; init; }
    public required string Name { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public required LadderAction Action { get; init; }

    /// <summary>Whether the orchestrator has already acted on this checkpoint; a fired checkpoint never fires again.</summary>
    public bool Fired { get; init; }

    /// <summary>Incident time at which it fired, when it has.</summary>
    public DateTimeOffset? FiredAt { get; init; }

    /// <summary>Identity across re-assessments: the same obligation's checkpoint of the same name.</summary>
    public (string Regime, string Recipient, string Name) Key => (Regime, Recipient, Name);
}
