namespace ServerlessIR.Core.Playbooks;

/// <summary>When the orchestrator wakes for each regime: checkpoints in hours after the clock start, and a warning before each deadline.</summary>
public sealed record ClockPolicy
{
    public IReadOnlyDictionary<string, IReadOnlyList<double>> Checkpoints { get; init; } =
        new Dictionary<string, IReadOnlyList<double>> { ["gdpr-art33"] = [24, 48, 72] };

    public double WarningBeforeDeadlineHours { get; init; } = 12;
}
