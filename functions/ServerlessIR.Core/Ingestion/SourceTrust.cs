using System.Text.Json.Serialization;

namespace ServerlessIR.Core.Ingestion;

/// <summary>
/// How far the pipeline believes where an alert says it came from. The order matters: an incident takes the lowest trust of
/// its signals, and the default (a signal that says nothing) is <see cref="Untrusted"/>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<SourceTrust>))]
public enum SourceTrust
{
    /// <summary>Anyone holding the webhook key could have sent it: irreversible and customer-facing steps wait for a person.</summary>
    [JsonStringEnumMemberName("untrusted")]
    Untrusted,

    /// <summary>From a source the playbook trusts (the Salesforce relay, Azure Monitor on a listed resource), checked as such.</summary>
    [JsonStringEnumMemberName("trusted")]
    Trusted,
}
