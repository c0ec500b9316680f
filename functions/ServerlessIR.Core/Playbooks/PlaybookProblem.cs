namespace ServerlessIR.Core.Playbooks;

/// <summary>One problem in a playbook file: where it is (file, line, field path) and what is wrong.</summary>
public sealed record PlaybookProblem(string File, int Line, string Field, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Field}: {Message}";
}
