namespace ServerlessIR.Core.Assessment;

/// <summary>
/// EDGAR's filing-date rule, 17 CFR 232.13(a)(2): a submission whose direct transmission commences after 17:30 Eastern
/// (standard or daylight time, whichever is in effect) is deemed filed on the next business day. The Form 8-K period ends
/// at midnight ET, but a filing sent after 17:30 on its last business day is dated late. The 22:00 exceptions of 232.13(a)(3)
/// and (a)(4) cover Rule 462(b) registration statements, Forms 3, 4, 5, 144 and Schedule 14N, not Form 8-K.
/// </summary>
public static class EdgarFilingCutoff
{
    /// <summary>The last local time at which a transmission may commence and still be dated the same business day.</summary>
    public static readonly TimeOnly SameDayUntil = new(17, 30);

    /// <summary>The regulation the cut-off comes from.</summary>
    public const string Source = "17 CFR 232.13(a)(2) (Regulation S-T Rule 13)";

    /// <summary>17:30 Eastern on the local day of <paramref name="deadline"/>, as a UTC instant.</summary>
    public static DateTimeOffset For(DateTimeOffset deadline, string timeZoneId = "America/New_York")
    {
        var zone = DeadlineCalculator.ResolveTimeZone(timeZoneId);
        var local = DeadlineCalculator.LocalDate(deadline, zone).ToDateTime(SameDayUntil, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The obligation with its EDGAR cut-off beside the legal deadline, and a note saying which binds in practice.</summary>
    public static Obligation Apply(Obligation obligation)
    {
        ArgumentNullException.ThrowIfNull(obligation);
        if (obligation.Deadline is not { } deadline)
        {
            return obligation;
        }
        var cutoff = For(deadline, obligation.TimeZone);
        return obligation with
        {
            SubmissionCutoff = cutoff,
            Notes = [.. obligation.Notes,
                $"The legal period ends {BreachAssessor.Iso(deadline)} (midnight Eastern), but EDGAR dates a submission commencing after 17:30 Eastern as of the next business day ({Source}): start the filing by {BreachAssessor.Iso(cutoff)}."],
            Counting = [.. obligation.Counting, new CountingStep
            {
                Kind = CountingStepKind.Adjusted,
                Day = DateOnly.FromDateTime(cutoff.UtcDateTime),
                Note = $"effective submission cut-off 17:30 {obligation.TimeZone} = {BreachAssessor.Iso(cutoff)} ({Source}); the legal deadline stays {BreachAssessor.Iso(deadline)}",
            }],
        };
    }
}
