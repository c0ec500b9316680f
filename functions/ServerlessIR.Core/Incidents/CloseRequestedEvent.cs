namespace ServerlessIR.Core.Incidents;

/// <summary>Close the incident with its post-incident review; takes effect only seconded by a different person.</summary>
public record CloseRequestedEvent(IncidentReview? Review) : IncidentEvent;
