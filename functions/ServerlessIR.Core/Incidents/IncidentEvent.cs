namespace ServerlessIR.Core.Incidents;

/// <summary>
/// Something that reaches a running incident from outside: a joined signal, amended facts, a false-positive call,
/// a decision, a submitted notice. Raised as the external event <see cref="Name"/>.
/// </summary>
/// <param name="Kind">One of the <c>Kinds</c> constants.</param>
/// <param name="Json">The kind's payload as JSON.</param>
public sealed record IncidentEvent(string Kind, string? Json)
{
    /// <summary>The external event name on the orchestration.</summary>
    public const string Name = "incident-event";

    public static class Kinds
    {
        public const string Signal = "signal";
        public const string Facts = "facts";
        public const string FalsePositive = "false-positive";
        public const string ApprovalDecision = "approval-decision";
        public const string NoticeSubmitted = "notice-submitted";
    }
}
