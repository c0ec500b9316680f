using ServerlessIR.Core.Assessment;
using Xunit;

namespace ServerlessIR.Core.Tests.Assessment;

public sealed class DeadlineCalculatorTests
{
    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Compute_Hours_EndsAtExactInstant()
    {
        var deadline = DeadlineCalculator.Compute(Utc("2026-11-27T10:00:00Z"), 72, PeriodUnit.Hours, "Europe/Berlin");
        Assert.Equal(Utc("2026-11-30T10:00:00Z"), deadline);
    }

    [Fact]
    public void Compute_HoursAcrossBerlinSpringForward_CountsElapsedHoursNotWallClock()
    {
        // 29 March 2026 is the last Sunday of March: Berlin loses an hour, the 24 h still end 24 real hours later.
        var deadline = DeadlineCalculator.Compute(Utc("2026-03-28T12:00:00+01:00"), 24, PeriodUnit.Hours, "Europe/Berlin");
        Assert.Equal(Utc("2026-03-29T11:00:00Z"), deadline);
    }

    [Fact]
    public void Compute_DaysEndingOnBerlinSpringForward_EndsAtLocalMidnightInSummerTime()
    {
        var deadline = DeadlineCalculator.Compute(Utc("2026-03-27T10:00:00Z"), 2, PeriodUnit.Days, "Europe/Berlin");
        Assert.Equal(Utc("2026-03-29T21:59:59.999Z"), deadline);
    }

    [Fact]
    public void Compute_DaysEndingOnBerlinFallBack_EndsAtLocalMidnightInWinterTime()
    {
        // 25 October 2026 is the last Sunday of October: the day ends at 23:59:59.999 CET (+01:00).
        var deadline = DeadlineCalculator.Compute(Utc("2026-10-24T08:00:00Z"), 1, PeriodUnit.Days, "Europe/Berlin");
        Assert.Equal(Utc("2026-10-25T22:59:59.999Z"), deadline);
    }

    [Fact]
    public void Compute_ClockStartAfterLocalMidnight_CountsFromTheLocalDate()
    {
        // 23:30 UTC is already 28 November in Berlin, so counting starts on 29 November.
        var deadline = DeadlineCalculator.Compute(Utc("2026-11-27T23:30:00Z"), 1, PeriodUnit.Days, "Europe/Berlin");
        Assert.Equal(Utc("2026-11-29T22:59:59.999Z"), deadline);
    }

    [Fact]
    public void Compute_BusinessDaysAcrossNewYorkDstStart_SkipsWeekendAndEndsInDaylightTime()
    {
        // Friday 6 March 2026; DST starts Sunday 8 March. Mon 9, Tue 10, Wed 11, Thu 12 -> end of Thursday EDT.
        var deadline = DeadlineCalculator.Compute(Utc("2026-03-06T15:00:00Z"), 4, PeriodUnit.BusinessDays, "America/New_York", HolidayCalendar.For("US"));
        Assert.Equal(Utc("2026-03-13T03:59:59.999Z"), deadline);
    }

    [Fact]
    public void Compute_BusinessDaysOverThanksgiving_SkipsTheFederalHoliday()
    {
        // Tue 24 Nov 2026: Wed 25 (1), Thu 26 Thanksgiving, Fri 27 (2), Mon 30 (3), Tue 1 Dec (4).
        var deadline = DeadlineCalculator.Compute(Utc("2026-11-24T15:00:00Z"), 4, PeriodUnit.BusinessDays, "America/New_York", HolidayCalendar.For("US"));
        Assert.Equal(Utc("2026-12-02T04:59:59.999Z"), deadline);
    }

    [Fact]
    public void Compute_BusinessDaysOverZumbiDay_SkipsTheBrazilianHolidayFromTheOverrideList()
    {
        // Wed 18 Nov 2026: Thu 19 (1), Fri 20 Consciência Negra (Lei 14.759/2023), Mon 23 (2), Tue 24 (3).
        var deadline = DeadlineCalculator.Compute(Utc("2026-11-18T12:00:00Z"), 3, PeriodUnit.BusinessDays, "America/Sao_Paulo", HolidayCalendar.For("BR"));
        Assert.Equal(Utc("2026-11-25T02:59:59.999Z"), deadline);
    }

    [Fact]
    public void Compute_BusinessDaysOverCarnival_CountsCarnivalAsWorkingDays()
    {
        // Fri 13 Feb 2026: Carnival Monday and Tuesday are not national holidays by law, so Mon 16 (1), Tue 17 (2), Wed 18 (3).
        var deadline = DeadlineCalculator.Compute(Utc("2026-02-13T12:00:00Z"), 3, PeriodUnit.BusinessDays, "America/Sao_Paulo", HolidayCalendar.For("BR"));
        Assert.Equal(Utc("2026-02-19T02:59:59.999Z"), deadline);
    }

    [Fact]
    public void Compute_BusinessDaysOverYearEnd_SkipsNewYearsDay()
    {
        // Wed 30 Dec 2026: Thu 31 (1), Fri 1 Jan holiday, Mon 4 (2), Tue 5 (3).
        var deadline = DeadlineCalculator.Compute(Utc("2026-12-30T12:00:00Z"), 3, PeriodUnit.BusinessDays, "America/New_York", HolidayCalendar.For("US"));
        Assert.Equal(Utc("2027-01-06T04:59:59.999Z"), deadline);
    }

    [Fact]
    public void Compute_BusinessDaysOverYearEnd2027_SkipsObservedNewYearOnFriday()
    {
        // 1 Jan 2028 is a Saturday, so the federal holiday is observed on Friday 31 Dec 2027.
        var deadline = DeadlineCalculator.Compute(Utc("2027-12-30T12:00:00Z"), 2, PeriodUnit.BusinessDays, "America/New_York", HolidayCalendar.For("US"));
        Assert.Equal(Utc("2028-01-05T04:59:59.999Z"), deadline);
    }

    [Fact]
    public void Compute_DaysOverYearEnd_RollsIntoNextYear()
    {
        var deadline = DeadlineCalculator.Compute(Utc("2026-12-30T12:00:00Z"), 3, PeriodUnit.Days, "Asia/Singapore");
        Assert.Equal(Utc("2027-01-02T15:59:59.999Z"), deadline);
    }

    [Theory]
    [InlineData("2026-01-31T09:00:00Z", "2026-02-28T22:59:59.999Z")]
    [InlineData("2028-01-31T09:00:00Z", "2028-02-29T22:59:59.999Z")]
    [InlineData("2026-03-15T09:00:00Z", "2026-04-15T21:59:59.999Z")]
    [InlineData("2026-12-15T09:00:00Z", "2027-01-15T22:59:59.999Z")]
    public void Compute_OneMonth_EndsOnTheSameDateOrTheMonthsLastDay(string start, string expected)
    {
        var deadline = DeadlineCalculator.Compute(Utc(start), 1, PeriodUnit.Months, "Europe/Berlin");
        Assert.Equal(Utc(expected), deadline);
    }

    [Fact]
    public void Compute_WithoutUndueDelay_ReturnsNull()
    {
        Assert.Null(DeadlineCalculator.Compute(Utc("2026-11-27T10:00:00Z"), 0, PeriodUnit.WithoutUndueDelay, "Europe/Berlin"));
    }

    [Fact]
    public void ExtendToWorkingDay_PeriodEndingOnSaturday_ExtendsToEndOfMonday()
    {
        // AI Act 15 days from Fri 27 Nov 2026 end on Sat 12 Dec; 1182/71 Art. 3(4) would move it to Mon 14 Dec.
        var deadline = DeadlineCalculator.Compute(Utc("2026-11-27T10:00:00Z"), 15, PeriodUnit.Days, "Europe/Berlin")!.Value;
        Assert.Equal(Utc("2026-12-12T22:59:59.999Z"), deadline);
        var extended = DeadlineCalculator.ExtendToWorkingDay(deadline, "Europe/Berlin", HolidayCalendar.For("DE"));
        Assert.Equal(Utc("2026-12-14T22:59:59.999Z"), extended);
    }

    [Fact]
    public void ExtendToWorkingDay_PeriodEndingOnChristmas_SkipsBothHolidaysAndTheWeekend()
    {
        // 25 Dec 2026 is a Friday, 26 Dec a Saturday (and a German holiday): next working day Monday 28 Dec.
        var extended = DeadlineCalculator.ExtendToWorkingDay(Utc("2026-12-25T22:59:59.999Z"), "Europe/Berlin", HolidayCalendar.For("DE"));
        Assert.Equal(Utc("2026-12-28T22:59:59.999Z"), extended);
    }

    [Fact]
    public void ExtendToWorkingDay_PeriodEndingOnWorkingDay_ReturnsNull()
    {
        Assert.Null(DeadlineCalculator.ExtendToWorkingDay(Utc("2026-12-10T22:59:59.999Z"), "Europe/Berlin", HolidayCalendar.For("DE")));
    }
}
