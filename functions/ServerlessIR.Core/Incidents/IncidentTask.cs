namespace ServerlessIR.Core.Incidents;

/// <summary>
/// One piece of follow-up work with an owner and a due time (incident time), seeded by the playbook or created by a
/// person. The orchestration reminds the owner before <see cref="Due"/> and tells the incident's owners after it.
/// </summary>
/// <param name="Id">Stable within the incident: <c>seed-N</c> for the playbook's, <c>t-…</c> for a person's.</param>
/// <param name="Owner">The owner's e-mail address: reminders go there.</param>
/// <param name="AiSystem">The AI system the work is about, if any.</param>
/// <param name="Source"><c>playbook</c> or <c>person</c>.</param>
public sealed record IncidentTask(string Id, string Title, string Owner, DateTimeOffset Due, string? AiSystem, string Source, string CreatedBy)
{
    public IncidentTaskStatus Status { get; init; } = IncidentTaskStatus.Open;

    /// <summary>Who completed or waived it.</summary>
    public string? ResolvedBy { get; init; }

    /// <summary>Why it was waived (required) or a note on completion.</summary>
    public string? Reason { get; init; }

    /// <summary>Incident time it was completed or waived.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    public DateTimeOffset? RemindedAt { get; init; }
    public DateTimeOffset? EscalatedAt { get; init; }
}
