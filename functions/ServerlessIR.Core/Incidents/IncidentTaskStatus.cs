using System.Text.Json.Serialization;

namespace ServerlessIR.Core.Incidents;

/// <summary>Where a follow-up task stands. The names are what the API, the console and reports show.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IncidentTaskStatus>))]
public enum IncidentTaskStatus
{
    Open,
    Done,

    /// <summary>Not done, on purpose, with a reason: it no longer blocks closure.</summary>
    Waived,
}
