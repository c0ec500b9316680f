namespace ServerlessIR.Core.Assessment;

/// <summary>How a notification period is counted (docs/regimes.md, "Deadline arithmetic").</summary>
public enum PeriodUnit
{
    /// <summary>Ends at the exact instant, in any time zone.</summary>
    Hours,

    /// <summary>Calendar days counted from the day after the clock start, ending at the last instant of the last day.</summary>
    Days,

    /// <summary>Like <see cref="Days"/>, skipping weekends and the jurisdiction's public holidays.</summary>
    BusinessDays,

    /// <summary>EU Regulation 1182/71 Art. 3(2)(c): the same date in the last month (or that month's last day), end of day.</summary>
    Months,

    /// <summary>No fixed period: "without undue delay", "immediately".</summary>
    WithoutUndueDelay,
}
