using ServerlessIR.Core.Assessment;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// What the playbook and the assessment make of an incident: severity and obligations, the containment steps, the checkpoints,
/// and who to tell. Produced by <see cref="PlanIncidentActivity"/> so the orchestrator never reads the playbook itself.
/// </summary>
public sealed record IncidentPlan(
    AssessmentResult Assessment,
    string? AiSystemId,
    string? AiSystemName,
    string? OrgId,
    IReadOnlyList<string> DataCategories,
    IReadOnlyList<PlannedStep> Containment,
    IReadOnlyList<PlannedCheckpoint> Checkpoints,
    NotificationRoute Route)
{
    /// <summary>The playbook's correlation window: how long after the first signal others may still join this incident.</summary>
    public double CorrelationWindowHours { get; init; } = 6;
}
