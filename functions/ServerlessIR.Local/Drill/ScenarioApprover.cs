namespace ServerlessIR.Local.Drill;

/// <summary>
/// How a drill's approvers at one tier answer: <c>silent</c> (never), <c>approve</c> or <c>reject</c> (with
/// <see cref="Reason"/>), after <see cref="DelaySeconds"/> of real time, through the real approval page.
/// </summary>
public sealed record ScenarioApprover(string Tier, string Decision = "approve", double DelaySeconds = 1, string? Reason = null);
