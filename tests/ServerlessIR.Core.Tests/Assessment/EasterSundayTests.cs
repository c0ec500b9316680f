using ServerlessIR.Core.Assessment;
using Xunit;

namespace ServerlessIR.Core.Tests.Assessment;

public sealed class EasterSundayTests
{
    [Theory]
    [MemberData(nameof(HolidayCalendarTests.EasterByYear), MemberType = typeof(HolidayCalendarTests))]
    public void Of_Years2026To2035_MatchesPublishedEasterAndTheLibrary(int year, string easter)
    {
        var expected = DateOnly.Parse(easter, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, EasterSunday.Of(year));
        Assert.Equal(expected, DateOnly.FromDateTime(PublicHoliday.HolidayCalculator.GetEaster(year)));
    }

    [Fact]
    public void Of_YearBeforeGregorianCalendar_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EasterSunday.Of(1500));
    }
}
