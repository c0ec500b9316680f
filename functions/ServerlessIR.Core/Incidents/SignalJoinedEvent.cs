using System.Text.Json.Serialization;
using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Core.Incidents;

/// <summary>Ingestion correlated another signal to the running incident.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = KindProperty)]
[JsonDerivedType(typeof(SignalJoinedEvent), Kinds.Signal)]
public record SignalJoinedEvent(Signal Signal) : IncidentEvent;
