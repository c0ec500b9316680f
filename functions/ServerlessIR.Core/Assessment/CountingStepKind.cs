namespace ServerlessIR.Core.Assessment;

/// <summary>What one step of a deadline count did (<see cref="CountingStep"/>).</summary>
public enum CountingStepKind
{
    /// <summary>The clock start, and the local date counting runs from.</summary>
    ClockStart,

    /// <summary>A day counted towards the period.</summary>
    Counted,

    /// <summary>A Saturday or Sunday, not counted.</summary>
    SkippedWeekend,

    /// <summary>A public holiday, not counted; the note names it and its source.</summary>
    SkippedHoliday,

    /// <summary>A day commonly taken for a holiday that the calendar counts as a working day; the note says why.</summary>
    CountedDespiteObservance,

    /// <summary>The instant the period ends.</summary>
    Deadline,

    /// <summary>A bound or rule that moved the deadline after counting (a cap from awareness, a weekend relief).</summary>
    Adjusted,
}
