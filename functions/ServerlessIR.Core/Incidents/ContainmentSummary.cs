namespace ServerlessIR.Core.Incidents;

/// <summary>One containment step's result: <c>Succeeded</c>, <c>AlreadyDone</c>, <c>Failed</c>, <c>Skipped</c> or <c>Held</c>.</summary>
public sealed record ContainmentSummary(string Action, string Status, int Attempts, string? Detail = null)
{
    /// <summary>After a false positive: <c>Undone</c>, <c>NotUndone</c> (irreversible) or <c>UndoFailed</c>.</summary>
    public string? Undo { get; init; }
}
