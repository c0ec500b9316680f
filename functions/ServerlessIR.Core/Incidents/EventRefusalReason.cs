using System.Text.Json.Serialization;

namespace ServerlessIR.Core.Incidents;

/// <summary>Why the orchestration refused an incident event that needs two people (<see cref="DualControlGuard"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EventRefusalReason>))]
public enum EventRefusalReason
{
    /// <summary>The event carries no second person at all: it was raised around the dual-control routes.</summary>
    [JsonStringEnumMemberName("no-second-person")]
    NoSecondPerson,

    /// <summary>The requester or the second person has no name.</summary>
    [JsonStringEnumMemberName("person-unnamed")]
    PersonUnnamed,

    /// <summary>The requester and the second person are one person (same object ID, or same name where one has no object ID).</summary>
    [JsonStringEnumMemberName("same-person")]
    SamePerson,

    /// <summary>The approval's request ID is not the one this incident, this kind of event and this content give.</summary>
    [JsonStringEnumMemberName("request-mismatch")]
    RequestMismatch,
}
