namespace ServerlessIR.Core.Playbooks;

/// <summary>What the orchestrator does at a checkpoint; the names a playbook's <c>clock.ladder</c> uses.</summary>
public static class LadderActions
{
    /// <summary>Remind the obligation's owner (the DPO, the AI system owner) that the clock runs.</summary>
    public const string RemindOwner = "remind-owner";

    /// <summary>Page the next approver tier.</summary>
    public const string EscalateTier = "escalate-tier";

    /// <summary>Draft the notice from its template for the DPO to review.</summary>
    public const string DraftNotice = "draft-notice";

    /// <summary>The deadline passed without a submitted notice: tell the executives.</summary>
    public const string EscalateExecutive = "escalate-executive";

    public static IReadOnlyList<string> All { get; } = [RemindOwner, EscalateTier, DraftNotice, EscalateExecutive];

    /// <summary>
    /// The ladder without playbook settings: the first hour checkpoint reminds, later ones escalate a tier, the
    /// warning drafts the notice, and the deadline escalates to executives if the notice is still not submitted.
    /// </summary>
    public static string DefaultFor(string name, int ordinal) => name switch
    {
        "warning" => DraftNotice,
        "deadline" => EscalateExecutive,
        _ => ordinal == 0 ? RemindOwner : EscalateTier,
    };
}
