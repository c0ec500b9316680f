using ServerlessIR.Core.Assessment;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// What the playbook and the assessment make of an incident: severity and obligations, the containment steps, the checkpoints,
/// who to tell, and who approves disruptive steps. Produced by <see cref="PlanIncidentActivity"/> so the orchestrator never reads the playbook itself.
/// </summary>
public sealed record IncidentPlan(
    AssessmentResult Assessment,
    string? AiSystemId,
    string? AiSystemName,
    string? OrgId,
    IReadOnlyList<string> DataCategories,
    IReadOnlyList<PlannedStep> Containment,
    IReadOnlyList<PlannedCheckpoint> Checkpoints,
    NotificationRoute Route,
    ApprovalPolicy? Approvals = null)
{
    /// <summary>The playbook's correlation window: how long after the first signal others may still join this incident.</summary>
    public double CorrelationWindowHours { get; init; } = 6;

    /// <summary>The follow-up tasks the playbook seeds for this severity (docs/lifecycle.md).</summary>
    public IReadOnlyList<IncidentTask> Tasks { get; init; } = [];

    /// <summary>Incident hours before a task's due time that its owner is reminded.</summary>
    public double RemindBeforeHours { get; init; } = 8;

    /// <summary>Incident minutes between status posts at this plan's severity (the playbook's <c>statusUpdates</c>); null: none.</summary>
    public int? StatusEveryMinutes { get; init; }

    /// <summary>Whether the playbook names a ticketing system the incident keeps a ticket in (docs/lifecycle.md#ticketing).</summary>
    public bool Ticketing { get; init; }

    /// <summary>
    /// The fine families of the assessment's regimes (<see cref="Notifications.FineExposureCatalog.FamiliesOf"/>): from revision 2
    /// the orchestration writes an executive brief's exposures from these, so the brief goes out with its checkpoint's journal.
    /// Empty in a plan made before.
    /// </summary>
    public IReadOnlyList<Notifications.FineExposure> FineFamilies { get; init; } = [];
}
