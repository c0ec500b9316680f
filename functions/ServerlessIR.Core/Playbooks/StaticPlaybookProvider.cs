namespace ServerlessIR.Core.Playbooks;

/// <summary>A playbook loaded once at start-up (from a file, or the embedded default).</summary>
public sealed class StaticPlaybookProvider(Playbook playbook) : IPlaybookProvider
{
    public Playbook Current { get; } = playbook ?? throw new ArgumentNullException(nameof(playbook));
}
