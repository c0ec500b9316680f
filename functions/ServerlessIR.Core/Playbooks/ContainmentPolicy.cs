namespace ServerlessIR.Core.Playbooks;

/// <summary>Which containment steps run, in which order, from which severity, and which need a person's approval.</summary>
public sealed record ContainmentPolicy
{
    public IReadOnlyList<ContainmentStep> Steps { get; init; } = [];

    /// <summary>How far before the first signal <c>salesforce.preserve-event-logs</c> reaches back: leaks start before they are seen.</summary>
    public int PreserveLookbackHours { get; init; } = 24;

    /// <summary>The automation budget of every step that sets none of its own.</summary>
    public AutomationBudget Budget { get; init; } = new();

    /// <summary>On: every step waits for a person (as the app setting <c>ServerlessIR:Containment:KillSwitch</c> does).</summary>
    public bool KillSwitch { get; init; }

    /// <summary>The step for <paramref name="action"/>, or null.</summary>
    public ContainmentStep? FindStep(string action) => Steps.FirstOrDefault(s => s.Action == action);
}
