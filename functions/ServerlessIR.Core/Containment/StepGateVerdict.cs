using System.Text.Json.Serialization;

namespace ServerlessIR.Core.Containment;

/// <summary>Whether a containment step runs on its own or waits for a person.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepGateVerdict>))]
public enum StepGateVerdict
{
    [JsonStringEnumMemberName("run")]
    Run,

    [JsonStringEnumMemberName("ask")]
    Ask,
}
