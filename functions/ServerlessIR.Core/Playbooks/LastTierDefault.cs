using System.Text.Json.Serialization;

namespace ServerlessIR.Core.Playbooks;

/// <summary>What a step does when every approval tier stayed silent: the wire names are the playbook's.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LastTierDefault>))]
public enum LastTierDefault
{
    [JsonStringEnumMemberName("hold")]
    Hold,

    [JsonStringEnumMemberName("proceed")]
    Proceed,
}
