using System.Text.Json.Serialization;

namespace ServerlessIR.Local.Drill;

/// <summary>
/// What "good" is for a scenario: each criterion set here is measured on the drill's report by <see cref="CriteriaEvaluator"/>
/// and passes or fails; one that is absent is not judged. An unknown name in the scenario file is a load error.
/// </summary>
/// <param name="Incidents">Exactly this many incidents.</param>
/// <param name="Status">Every incident ends with this status (<c>Contained</c>, <c>FalsePositive</c>, ...).</param>
/// <param name="Severity">Every incident is assessed at this level (<c>SEV1</c>..<c>SEV4</c>).</param>
/// <param name="EvidenceVerified">Every incident's evidence chain verifies against its anchors.</param>
/// <param name="NoDeadlineMissed">No obligation ends <c>Late</c>.</param>
/// <param name="ContainedWithinIncidentMinutes">Every incident is contained within this many incident minutes of opening.</param>
/// <param name="ContainedWithinRealSeconds">Every incident is contained within this many real seconds of its first signal.</param>
/// <param name="FirstApprovalWithinIncidentMinutes">On every incident the first decision a person made came within this many
/// incident minutes of the request it answered.</param>
/// <param name="FallbackHealthy">Every planned <c>ai-feature.fallback</c> step took effect, and the checkout traffic the drill
/// ran (if any) was served throughout, by the fallback once it was on.</param>
/// <param name="AllAlertsCounted">Every alert the webhook accepted (opened or joined) is counted by its incident, and none was rejected.</param>
/// <param name="ObligationsOnHold">At least this many obligations end on a law-enforcement hold (<c>OnHold</c> is an
/// obligation's status, not an incident's).</param>
/// <param name="ApprovalDefault">Some step was decided by the playbook's default after the last tier: <c>proceed</c> or <c>hold</c>.</param>
/// <param name="RegimesInclude">These regimes are among the incidents' obligations.</param>
/// <param name="ContainmentUndone">Every reversible step that ran was undone (a false positive), none failed to undo.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ScenarioCriteria(
    int? Incidents = null,
    string? Status = null,
    string? Severity = null,
    bool? EvidenceVerified = null,
    bool? NoDeadlineMissed = null,
    double? ContainedWithinIncidentMinutes = null,
    double? ContainedWithinRealSeconds = null,
    double? FirstApprovalWithinIncidentMinutes = null,
    bool? FallbackHealthy = null,
    bool? AllAlertsCounted = null,
    int? ObligationsOnHold = null,
    string? ApprovalDefault = null,
    IReadOnlyList<string>? RegimesInclude = null,
    bool? ContainmentUndone = null)
{
    /// <summary>What a scenario without criteria is held to: what "passed" meant before criteria existed.</summary>
    public static ScenarioCriteria Default { get; } = new(Status: "Contained", EvidenceVerified: true);

    /// <summary>The criteria's names as a scenario file spells them.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "incidents", "status", "severity", "evidenceVerified", "noDeadlineMissed", "containedWithinIncidentMinutes",
        "containedWithinRealSeconds", "firstApprovalWithinIncidentMinutes", "fallbackHealthy", "allAlertsCounted",
        "obligationsOnHold", "approvalDefault", "regimesInclude", "containmentUndone",
    ];
}
