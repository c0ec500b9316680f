namespace ServerlessIR.Core.Playbooks;

/// <summary>A playbook that cannot be used, with every problem named by file, line and field.</summary>
public sealed class PlaybookLoadException : Exception
{
    public PlaybookLoadException(string source, IReadOnlyList<PlaybookProblem> problems)
        : base($"Playbook {source} is invalid:{Environment.NewLine}" +
               string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        Source = source;
        Problems = problems;
    }

    public new string Source { get; }
    public IReadOnlyList<PlaybookProblem> Problems { get; }
}
