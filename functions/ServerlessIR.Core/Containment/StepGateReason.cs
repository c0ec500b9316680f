using System.Text.Json.Serialization;

namespace ServerlessIR.Core.Containment;

/// <summary>Why the gate decided as it did; the wire names appear in evidence and the incident record.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepGateReason>))]
public enum StepGateReason
{
    /// <summary>Trusted (or harmless) and within budget.</summary>
    [JsonStringEnumMemberName("automatic")]
    Automatic,

    /// <summary>The playbook marks the step <c>approval: required</c>.</summary>
    [JsonStringEnumMemberName("approval-required")]
    ApprovalRequired,

    /// <summary>The kill switch is on (app setting or playbook).</summary>
    [JsonStringEnumMemberName("kill-switch")]
    KillSwitch,

    /// <summary>An irreversible or customer-facing step for an incident with an untrusted signal.</summary>
    [JsonStringEnumMemberName("untrusted-source")]
    UntrustedSource,

    /// <summary>The step's automation budget is spent.</summary>
    [JsonStringEnumMemberName("over-budget")]
    OverBudget,

    /// <summary>The gate itself could not decide (its activity failed): a person decides instead.</summary>
    [JsonStringEnumMemberName("gate-unavailable")]
    GateUnavailable,
}
