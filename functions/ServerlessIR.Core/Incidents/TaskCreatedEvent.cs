namespace ServerlessIR.Core.Incidents;

/// <summary>A person created a follow-up task (<c>POST /api/incidents/{id}/tasks</c>). A task ID already known is ignored.</summary>
public record TaskCreatedEvent(IncidentTask? Task) : IncidentEvent;
