using System.Text.Json.Serialization;

namespace ServerlessIR.Core.Incidents;

/// <summary>A listed approver declared the incident a false positive (<c>POST /api/incidents/{id}/false-positive</c>).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = KindProperty)]
[JsonDerivedType(typeof(FalsePositiveDeclaredEvent), Kinds.FalsePositive)]
public record FalsePositiveDeclaredEvent(FalsePositiveRequest Request) : IncidentEvent;
