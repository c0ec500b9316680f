using ServerlessIR.Core.Assessment;
using Xunit;

namespace ServerlessIR.Core.Tests.Assessment;

/// <summary>The library's holidays checked against the holiday laws for 2026-2027, with the cited overrides.</summary>
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

    [Theory]
    [InlineData("2026-02-16")]
    [InlineData("2026-02-17")]
    [InlineData("2026-06-04")]
    [InlineData("2027-02-08")]
    [InlineData("2027-02-09")]
    [InlineData("2027-05-27")]
    public void IsHoliday_BrazilCarnivalAndCorpusChristi_AreRemovedAsNotNationalHolidays(string day)
    {
        Assert.False(HolidayCalendar.For("BR").IsHoliday(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
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
            Assert.True(entry.Date is not null ^ entry.MonthDay is not null, entry.Name);
        }
    }

    [Fact]
    public void For_Subdivision_UsesCountryCalendar()
    {
        Assert.Equal("US", HolidayCalendar.For("US-CA").Jurisdiction);
        Assert.True(HolidayCalendar.For("US-CA").IsHoliday(new DateOnly(2026, 11, 26)));
    }
}
