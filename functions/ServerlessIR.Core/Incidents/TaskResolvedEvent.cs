namespace ServerlessIR.Core.Incidents;

/// <summary>A person completed or waived a task (<c>POST /api/incidents/{id}/tasks/{taskId}</c>).</summary>
public record TaskResolvedEvent(TaskResolution? Resolution) : IncidentEvent;
