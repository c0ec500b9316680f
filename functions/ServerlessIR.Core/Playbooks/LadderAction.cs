using System.Text.Json.Serialization;

namespace ServerlessIR.Core.Playbooks;

/// <summary>What the orchestrator does at a checkpoint; the wire names are the ones a playbook's <c>clock.ladder</c> uses.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LadderAction>))]
public enum LadderAction
{
    /// <summary>Remind the obligation's owner (the DPO, the AI system owner) that the clock runs.</summary>
    [JsonStringEnumMemberName("remind-owner")]
    RemindOwner,

    /// <summary>Page the next approver tier.</summary>
    [JsonStringEnumMemberName("escalate-tier")]
    EscalateTier,

    /// <summary>Draft the notice from its template for the DPO to review.</summary>
    [JsonStringEnumMemberName("draft-notice")]
    DraftNotice,

    /// <summary>The deadline passed without a submitted notice: tell the executives.</summary>
    [JsonStringEnumMemberName("escalate-executive")]
    EscalateExecutive,
}
