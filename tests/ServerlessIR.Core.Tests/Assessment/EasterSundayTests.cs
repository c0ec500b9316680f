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
        // The library's German calendar derives Good Friday and Easter Monday from its own Easter computation.
        var german = new PublicHoliday.GermanPublicHoliday();
        Assert.True(german.IsPublicHoliday(expected.AddDays(-2).ToDateTime(TimeOnly.MinValue)));
        Assert.True(german.IsPublicHoliday(expected.AddDays(1).ToDateTime(TimeOnly.MinValue)));
    }

    [Fact]
    public void Of_YearBeforeGregorianCalendar_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EasterSunday.Of(1500));
    }
}
