using System.Text.Json.Serialization;

namespace ServerlessIR.Core.Approvals;

/// <summary>Where a dual-control request stands. Only <see cref="Approved"/> ever reaches the incident.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DualControlStatus>))]
public enum DualControlStatus
{
    [JsonStringEnumMemberName("pending")]
    Pending,
    [JsonStringEnumMemberName("approved")]
    Approved,
    [JsonStringEnumMemberName("rejected")]
    Rejected,
    [JsonStringEnumMemberName("expired")]
    Expired,
}
