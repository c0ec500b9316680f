using System.Text.Json.Serialization;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// Ingestion recorded signals that joined without widening the breach (<see cref="Ingestion.Correlation.IJoinLedger"/>):
/// the incident takes them in a batch. One such wake is on its way at a time, however many signals wait.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = KindProperty)]
[JsonDerivedType(typeof(SignalsPendingEvent), Kinds.SignalsPending)]
public record SignalsPendingEvent : IncidentEvent;
