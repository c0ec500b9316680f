using System.Text.Json.Serialization;

namespace ServerlessIR.Core.Incidents;

/// <summary>A person posted amended facts (or a law-enforcement hold) to <c>POST /api/incidents/{id}/facts</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = KindProperty)]
[JsonDerivedType(typeof(FactsAmendedEvent), Kinds.Facts)]
public record FactsAmendedEvent(FactsAmendment Amendment) : IncidentEvent;
