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
    public static DateTimeOffset? Compute(DateTimeOffset clockStart, int amount, PeriodUnit unit, string timeZoneId, HolidayCalendar? calendar = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        var zone = ResolveTimeZone(timeZoneId);
        return unit switch
        {
            PeriodUnit.Hours => AddHours(clockStart, amount),
            PeriodUnit.Days => AddDays(clockStart, amount, zone),
            PeriodUnit.BusinessDays => AddBusinessDays(clockStart, amount, zone,
                calendar ?? throw new ArgumentNullException(nameof(calendar), "business days need a holiday calendar")),
            PeriodUnit.Months => AddMonths(clockStart, amount, zone),
            PeriodUnit.WithoutUndueDelay => null,
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
        };
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
    public static DateTimeOffset AddBusinessDays(DateTimeOffset clockStart, int days, TimeZoneInfo zone, HolidayCalendar calendar)
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
        }
        return EndOfDay(day, zone);
    }

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
