using ServerlessIR.Core.Assessment;
using Xunit;

namespace ServerlessIR.Core.Tests.Assessment;

/// <summary>The calendars checked against the holiday laws: Brazil's cited rules for every year 2026-2035, the library's calendars with samples.</summary>
public sealed class HolidayCalendarTests
{
    [Theory]
    [InlineData("2024-11-20")]
    [InlineData("2026-11-20")]
    [InlineData("2027-11-20")]
    public void IsHoliday_BrazilZumbiDayFrom2024_IsHolidayByOverride(string day)
    {
        Assert.True(HolidayCalendar.For("BR").IsHoliday(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void IsHoliday_BrazilZumbiDayBefore2024_IsNotHoliday()
    {
        Assert.False(HolidayCalendar.For("BR").IsHoliday(new DateOnly(2023, 11, 20)));
    }

    [Theory]
    [InlineData("2026-01-01")]
    [InlineData("2026-04-21")]
    [InlineData("2026-05-01")]
    [InlineData("2026-09-07")]
    [InlineData("2026-10-12")]
    [InlineData("2026-11-02")]
    [InlineData("2026-11-15")]
    [InlineData("2026-12-25")]
    [InlineData("2027-04-21")]
    public void IsHoliday_BrazilNationalHolidaysByLaw_AreHolidays(string day)
    {
        Assert.True(HolidayCalendar.For("BR").IsHoliday(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Easter Sunday 2026-2035 as published in the ecclesiastical tables, independent of the computation under test.</summary>
    public static TheoryData<int, string> EasterByYear => new()
    {
        { 2026, "2026-04-05" }, { 2027, "2027-03-28" }, { 2028, "2028-04-16" }, { 2029, "2029-04-01" }, { 2030, "2030-04-21" },
        { 2031, "2031-04-13" }, { 2032, "2032-03-28" }, { 2033, "2033-04-17" }, { 2034, "2034-04-09" }, { 2035, "2035-03-25" },
    };

    // Lei 662/1949 Art. 1 as amended by Lei 10.607/2002 (1 Jan, 21 Apr, 1 May, 7 Sep, 2 Nov, 15 Nov, 25 Dec), Lei 6.802/1980
    // (12 Oct), Lei 14.759/2023 (20 Nov) and Good Friday (Lei 9.093/1995 Art. 2, a national holiday in the federal portaria):
    // exactly these, every year the product supports.
    [Theory]
    [MemberData(nameof(EasterByYear))]
    public void IsHoliday_Brazil2026To2035_ExactlyTheNationalHolidaysByLaw(int year, string easter)
    {
        var goodFriday = DateOnly.Parse(easter, System.Globalization.CultureInfo.InvariantCulture).AddDays(-2);
        var expected = new[] { (1, 1), (4, 21), (5, 1), (9, 7), (10, 12), (11, 2), (11, 15), (11, 20), (12, 25) }
            .Select(md => new DateOnly(year, md.Item1, md.Item2))
            .Append(goodFriday)
            .Order()
            .ToList();
        var calendar = HolidayCalendar.For("BR");

        var holidays = Enumerable.Range(0, DateTime.IsLeapYear(year) ? 366 : 365)
            .Select(i => new DateOnly(year, 1, 1).AddDays(i))
            .Where(calendar.IsHoliday)
            .ToList();

        Assert.Equal(expected, holidays);
        Assert.All(holidays, day => Assert.Contains("Lei nº", calendar.Note(day)!.Source, StringComparison.Ordinal));
    }

    // Carnival (Easter - 48, - 47) and Corpus Christi (Easter + 60) are no national holiday under Lei 662/1949 as amended by
    // Lei 10.607/2002: a federal "ponto facultativo", a holiday only where state or municipal law (Lei 9.093/1995 Art. 2) says so.
    [Theory]
    [MemberData(nameof(EasterByYear))]
    public void IsBusinessDay_BrazilCarnivalAndCorpusChristi2026To2035_AreWorkingDaysWithTheirReason(int year, string easter)
    {
        var sunday = DateOnly.Parse(easter, System.Globalization.CultureInfo.InvariantCulture);
        var calendar = HolidayCalendar.For("BR");
        foreach (var day in new[] { sunday.AddDays(-48), sunday.AddDays(-47), sunday.AddDays(60) })
        {
            Assert.True(calendar.IsBusinessDay(day), $"{day} ({year})");
            var note = calendar.Note(day);
            Assert.NotNull(note);
            Assert.False(note.IsHoliday);
            Assert.Contains("662/1949", note.Source, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Note_BrazilGoodFriday_GivesTheOtherReading()
    {
        var note = HolidayCalendar.For("BR").Note(new DateOnly(2030, 4, 19));
        Assert.NotNull(note);
        Assert.True(note.IsHoliday);
        Assert.Contains("Lei nº 9.093", note.Source, StringComparison.Ordinal);
        Assert.Contains("municipal", note.Alternative, StringComparison.Ordinal);
    }

    [Fact]
    public void Note_LibraryHoliday_NamesItAndTheLibraryAsSource()
    {
        var note = HolidayCalendar.For("DE").Note(new DateOnly(2026, 10, 3));
        Assert.NotNull(note);
        Assert.True(note.IsHoliday);
        Assert.Contains("PublicHoliday library", note.Source, StringComparison.Ordinal);
        Assert.Null(HolidayCalendar.For("DE").Note(new DateOnly(2026, 10, 5)));
    }

    [Theory]
    [InlineData("2026-01-01")]
    [InlineData("2026-01-19")]
    [InlineData("2026-02-16")]
    [InlineData("2026-05-25")]
    [InlineData("2026-06-19")]
    [InlineData("2026-07-03")] // 4 July 2026 is a Saturday: observed Friday (5 U.S.C. 6103(b))
    [InlineData("2026-09-07")]
    [InlineData("2026-10-12")]
    [InlineData("2026-11-11")]
    [InlineData("2026-11-26")]
    [InlineData("2026-12-25")]
    [InlineData("2027-06-18")] // Juneteenth on a Saturday
    [InlineData("2027-07-05")] // Independence Day on a Sunday
    [InlineData("2027-12-24")] // Christmas on a Saturday
    [InlineData("2027-12-31")] // New Year 2028 on a Saturday
    public void IsHoliday_UsFederalHolidaysUnder5Usc6103_AreHolidays(string day)
    {
        Assert.True(HolidayCalendar.For("US").IsHoliday(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void IsHoliday_UsDayAfterThanksgiving_IsNotFederalHoliday()
    {
        Assert.False(HolidayCalendar.For("US").IsHoliday(new DateOnly(2026, 11, 27)));
    }

    [Theory]
    [InlineData("2026-01-01")]
    [InlineData("2026-04-03")]
    [InlineData("2026-04-06")]
    [InlineData("2026-05-01")]
    [InlineData("2026-05-14")]
    [InlineData("2026-05-25")]
    [InlineData("2026-10-03")]
    [InlineData("2026-12-25")]
    [InlineData("2026-12-26")]
    [InlineData("2027-03-26")]
    [InlineData("2027-05-06")]
    public void IsHoliday_GermanNationwideHolidays_AreHolidays(string day)
    {
        Assert.True(HolidayCalendar.For("DE").IsHoliday(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-04-03")]
    [InlineData("2026-05-04")]
    [InlineData("2026-08-31")]
    [InlineData("2026-12-28")] // Boxing Day substitute (26 Dec is a Saturday)
    [InlineData("2027-12-27")] // Christmas substitute
    [InlineData("2027-12-28")] // Boxing Day substitute
    public void IsHoliday_UkBankHolidaysEnglandAndWales_AreHolidays(string day)
    {
        Assert.True(HolidayCalendar.For("GB").IsHoliday(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-02-17")]
    [InlineData("2026-08-10")]
    [InlineData("2026-11-09")]
    public void IsHoliday_SingaporeWithoutLibraryCalendar_UsesOverrideList(string day)
    {
        var calendar = HolidayCalendar.For("SG");
        Assert.True(calendar.HasHolidaySource);
        Assert.True(calendar.IsHoliday(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void ShippedOverrides_EveryEntry_HasCitationAndOneWayToMatch()
    {
        Assert.NotEmpty(HolidayCalendar.ShippedOverrides);
        foreach (var entry in HolidayCalendar.ShippedOverrides)
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Citation), entry.Name);
            Assert.True(entry.Action is "add" or "remove", entry.Name);
            Assert.Equal(1, entry.WaysToMatch);
        }
    }

    [Fact]
    public void For_Subdivision_UsesCountryCalendar()
    {
        Assert.Equal("US", HolidayCalendar.For("US-CA").Jurisdiction);
        Assert.True(HolidayCalendar.For("US-CA").IsHoliday(new DateOnly(2026, 11, 26)));
    }
}
