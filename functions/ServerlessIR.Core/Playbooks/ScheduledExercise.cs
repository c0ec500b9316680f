namespace ServerlessIR.Core.Playbooks;

/// <summary>One quarter's exercise: held by <see cref="Due"/> (month-day), with the scenario to run.</summary>
public sealed record ScheduledExercise
{
    /// <summary>1 to 4: the calendar quarter the exercise belongs to; holding one anywhere in that quarter counts.</summary>
    public required int Quarter { get; init; }

    /// <summary>Month and day (<c>MM-DD</c>) by which it is held, inside its quarter.</summary>
    public required string Due { get; init; }

    /// <summary>The scenario to run (<c>ir exercise start --scenario</c>).</summary>
    public string Scenario { get; init; } = "default";

    /// <summary>The peak season this exercise prepares for (e.g. <c>Black Friday / Cyber Monday</c>), named in the reminder.</summary>
    public string? PeakSeason { get; init; }
}
