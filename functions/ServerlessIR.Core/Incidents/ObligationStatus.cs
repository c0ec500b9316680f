using System.Text.Json.Serialization;

namespace ServerlessIR.Core.Incidents;

/// <summary>Where one obligation stands. The names are what reports, the API and the incident record show.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ObligationStatus>))]
public enum ObligationStatus
{
    /// <summary>Due inside the watched time; not yet submitted.</summary>
    Pending,

    /// <summary>Due beyond a drill's horizon: the duty is real, the drill only stops watching it.</summary>
    Scheduled,

    Submitted,

    /// <summary>An exercise's notice marked submitted: practised, sent to no regulator, never a real submission.</summary>
    ExerciseSubmitted,

    /// <summary>A law-enforcement hold is in force; a deadline that passes meanwhile is not late.</summary>
    OnHold,

    /// <summary>The deadline passed without a submission: the late notice must give the reasons for the delay.</summary>
    Late,

    /// <summary>Amended facts or a false positive took the duty away.</summary>
    NotRequired,
}
