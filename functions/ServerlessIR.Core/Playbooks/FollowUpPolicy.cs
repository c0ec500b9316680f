namespace ServerlessIR.Core.Playbooks;

/// <summary>The follow-up work every incident gets (issue 15): seeded tasks per severity, and how early owners are reminded.</summary>
public sealed record FollowUpPolicy
{
    /// <summary>Incident hours before a task's due time that its owner is reminded.</summary>
    public double RemindBeforeHours { get; init; } = 8;

    public IReadOnlyList<FollowUpTask> Tasks { get; init; } = DefaultTasks;

    /// <summary>The built-in seeds, used when a playbook gives none.</summary>
    public static IReadOnlyList<FollowUpTask> DefaultTasks { get; } =
    [
        new("Rotate the connected app's certificate and consumer secret", "security", 24, "SEV2"),
        new("Review the Einstein permission sets and who holds them", "ai-owner", 48, "SEV3"),
        new("Re-run the AI system's risk assessment with this incident", "ai-owner", 72, "SEV1"),
    ];
}
