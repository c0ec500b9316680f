using TimeZoneConverter;

namespace ServerlessIR.Core.Assessment;

/// <summary>
/// Pure deadline arithmetic. Hours end at the exact instant; days, business days and months start counting on the
/// day after the clock start and end at 23:59:59.999 of the last day in the regime's own time zone, returned in UTC.
/// </summary>
public static class DeadlineCalculator
{
    private static readonly TimeOnly LastInstant = new(23, 59, 59, 999);

    /// <summary>The deadline for a period of <paramref name="amount"/> <paramref name="unit"/> after <paramref name="clockStart"/>.</summary>
    /// <param name="clockStart">The event that starts the clock.</param>
    /// <param name="amount">How many units the period has.</param>
    /// <param name="unit">How the period is counted.</param>
    /// <param name="timeZoneId">The regime's own IANA time zone, where days end.</param>
    /// <param name="calendar">Required for <see cref="PeriodUnit.BusinessDays"/>; ignored otherwise.</param>
    /// <returns>Null for <see cref="PeriodUnit.WithoutUndueDelay"/>.</returns>
    public static DateTimeOffset? Compute(DateTimeOffset clockStart, int amount, PeriodUnit unit, string timeZoneId, HolidayCalendar? calendar = null) =>
        Trace(clockStart, amount, unit, timeZoneId, calendar).Deadline;

    /// <summary>
    /// The deadline as <see cref="Compute"/> gives it, with the counting steps: the local date counting runs from, each day a
    /// business-day count passed (counted, or skipped as weekend or holiday with the holiday's name and source), and where the
    /// period ends.
    /// </summary>
    public static DeadlineComputation Trace(DateTimeOffset clockStart, int amount, PeriodUnit unit, string timeZoneId, HolidayCalendar? calendar = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        var zone = ResolveTimeZone(timeZoneId);
        var steps = new List<CountingStep>();
        var startDay = LocalDate(clockStart, zone);
        DateTimeOffset? deadline;
        switch (unit)
        {
            case PeriodUnit.Hours:
                steps.Add(Step(CountingStepKind.ClockStart, null,
                    $"clock starts {BreachAssessor.Iso(clockStart)}; {amount} hours end at that exact instant later (time zones, weekends and holidays do not matter)"));
                deadline = AddHours(clockStart, amount);
                break;
            case PeriodUnit.Days:
                steps.Add(Step(CountingStepKind.ClockStart, startDay,
                    $"clock starts {BreachAssessor.Iso(clockStart)}, local date {Day(startDay)} in {timeZoneId}; calendar days count from the next day"));
                steps.Add(Step(CountingStepKind.Counted, startDay.AddDays(amount), $"day {amount} of {amount}: {Day(startDay.AddDays(amount))}"));
                deadline = AddDays(clockStart, amount, zone);
                break;
            case PeriodUnit.BusinessDays:
                ArgumentNullException.ThrowIfNull(calendar);
                steps.Add(Step(CountingStepKind.ClockStart, startDay,
                    $"clock starts {BreachAssessor.Iso(clockStart)}, local date {Day(startDay)} in {timeZoneId}; business days of {calendar.Jurisdiction} count from the next day"));
                deadline = AddBusinessDays(clockStart, amount, zone, calendar, steps);
                break;
            case PeriodUnit.Months:
                steps.Add(Step(CountingStepKind.ClockStart, startDay,
                    $"clock starts {BreachAssessor.Iso(clockStart)}, local date {Day(startDay)} in {timeZoneId}"));
                steps.Add(Step(CountingStepKind.Counted, startDay.AddMonths(amount),
                    $"{amount} month(s) later, the same date or the month's last day (Regulation 1182/71 Art. 3(2)(c)): {Day(startDay.AddMonths(amount))}"));
                deadline = AddMonths(clockStart, amount, zone);
                break;
            case PeriodUnit.WithoutUndueDelay:
                steps.Add(Step(CountingStepKind.ClockStart, null, $"clock starts {BreachAssessor.Iso(clockStart)}; no fixed period (without undue delay)"));
                deadline = null;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(unit), unit, null);
        }
        if (deadline is { } due)
        {
            var local = TimeZoneInfo.ConvertTime(due, zone);
            steps.Add(Step(CountingStepKind.Deadline, DateOnly.FromDateTime(local.DateTime),
                $"ends {local:yyyy-MM-dd HH:mm:ss.fff} {timeZoneId} = {BreachAssessor.Iso(due)}"));
        }
        return new DeadlineComputation(deadline, steps);
    }

    /// <summary>The exact instant <paramref name="hours"/> after the clock start; time zones and holidays do not matter.</summary>
    public static DateTimeOffset AddHours(DateTimeOffset clockStart, double hours) => clockStart.ToUniversalTime().AddHours(hours);

    /// <summary>End of the <paramref name="days"/>-th calendar day after the clock start's local date.</summary>
    public static DateTimeOffset AddDays(DateTimeOffset clockStart, int days, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return EndOfDay(LocalDate(clockStart, zone).AddDays(days), zone);
    }

    /// <summary>End of the <paramref name="days"/>-th working day after the clock start's local date.</summary>
    public static DateTimeOffset AddBusinessDays(DateTimeOffset clockStart, int days, TimeZoneInfo zone, HolidayCalendar calendar) =>
        AddBusinessDays(clockStart, days, zone, calendar, steps: null);

    private static DateTimeOffset AddBusinessDays(DateTimeOffset clockStart, int days, TimeZoneInfo zone, HolidayCalendar calendar, List<CountingStep>? steps)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(calendar);
        var day = LocalDate(clockStart, zone);
        var counted = 0;
        while (counted < days)
        {
            day = day.AddDays(1);
            if (calendar.IsBusinessDay(day))
            {
                counted++;
            }
            steps?.Add(BusinessDayStep(day, counted, days, calendar));
        }
        return EndOfDay(day, zone);
    }

    private static CountingStep BusinessDayStep(DateOnly day, int counted, int days, HolidayCalendar calendar)
    {
        var note = calendar.Note(day);
        if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return Step(CountingStepKind.SkippedWeekend, day,
                $"{Day(day)} skipped: weekend" + (note is { IsHoliday: true } ? $" (also {note.Name})" : ""));
        }
        if (note is { IsHoliday: true })
        {
            return Step(CountingStepKind.SkippedHoliday, day,
                $"{Day(day)} skipped: {note.Name}, public holiday in {calendar.Jurisdiction} ({note.Source})" + Reading(note));
        }
        if (note is not null)
        {
            return Step(CountingStepKind.CountedDespiteObservance, day,
                $"{Day(day)} counted as business day {counted} of {days} although {note.Name} is observed by some: {note.Source}" + Reading(note));
        }
        return Step(CountingStepKind.Counted, day, $"{Day(day)} counted: business day {counted} of {days}");
    }

    private static string Reading(HolidayNote note) => note.Alternative is null ? "" : $". Other reading: {note.Alternative}";

    private static CountingStep Step(CountingStepKind kind, DateOnly? day, string note) => new() { Kind = kind, Day = day, Note = note };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd (dddd)", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// EU Regulation 1182/71 Art. 3(2)(c): a period in months ends at the end of the day in the last month with the
    /// same date as the day the period runs from, or of that month's last day when it has no such date (31 Jan -> 28/29 Feb).
    /// </summary>
    public static DateTimeOffset AddMonths(DateTimeOffset clockStart, int months, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return EndOfDay(LocalDate(clockStart, zone).AddMonths(months), zone);
    }

    /// <summary>
    /// EU Regulation 1182/71 Art. 3(4): a period in days, weeks or months whose last day is a Saturday, Sunday or
    /// public holiday ends with the last hour of the following working day. Returns null when no extension applies.
    /// We never make this the binding deadline (docs/regimes.md); callers show it as information.
    /// </summary>
    public static DateTimeOffset? ExtendToWorkingDay(DateTimeOffset deadline, string timeZoneId, HolidayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var zone = ResolveTimeZone(timeZoneId);
        var day = LocalDate(deadline, zone);
        if (calendar.IsBusinessDay(day))
        {
            return null;
        }
        do
        {
            day = day.AddDays(1);
        }
        while (!calendar.IsBusinessDay(day));
        return EndOfDay(day, zone);
    }

    /// <summary>The last instant (23:59:59.999) of <paramref name="day"/> in <paramref name="zone"/>, as a UTC instant.</summary>
    public static DateTimeOffset EndOfDay(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(LastInstant, DateTimeKind.Unspecified);
        // An ambiguous local time (clocks going back) has two instants; the earlier one is the safe deadline.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The calendar date of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>Resolves an IANA time zone ID on any OS (Windows hosts in Azure know only Windows IDs).</summary>
    public static TimeZoneInfo ResolveTimeZone(string ianaId) => TZConvert.GetTimeZoneInfo(ianaId);
}
