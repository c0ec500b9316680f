namespace ServerlessIR.Core.Playbooks;

/// <summary>
/// A follow-up task the playbook seeds on every incident of <see cref="MinSeverity"/> or worse, owned by a role and due
/// <see cref="DueHours"/> incident hours after the incident opened.
/// </summary>
/// <param name="Owner"><c>security</c> (the security contact), <c>dpo</c>, or <c>ai-owner</c> (the AI system's first owner).</param>
public sealed record FollowUpTask(string Title, string Owner = "security", double DueHours = 72, string MinSeverity = "SEV4");
