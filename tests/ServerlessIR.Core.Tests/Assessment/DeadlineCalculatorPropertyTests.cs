using ServerlessIR.Core.Assessment;
using Xunit;

namespace ServerlessIR.Core.Tests.Assessment;

/// <summary>Invariants over thousands of deterministic clock starts (seeded, so a failure reproduces).</summary>
public sealed class DeadlineCalculatorPropertyTests
{
    private static readonly (string Jurisdiction, string Zone)[] Regions =
    [
        ("BR", "America/Sao_Paulo"), ("US", "America/New_York"), ("DE", "Europe/Berlin"), ("GB", "Europe/London"), ("SG", "Asia/Singapore"),
    ];

    private static IEnumerable<(DateTimeOffset Start, int Amount, string Jurisdiction, string Zone)> Cases(int seed, int count)
    {
        var random = new Random(seed);
        var origin = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var start = origin.AddMinutes(random.Next(0, 2 * 365 * 24 * 60));
            var (jurisdiction, zone) = Regions[random.Next(Regions.Length)];
            yield return (start, random.Next(0, 31), jurisdiction, zone);
        }
    }

    [Fact]
    public void Compute_AnyUnit_NeverBeforeClockStart()
    {
        foreach (var (start, amount, jurisdiction, zone) in Cases(20261127, 3000))
        {
            var calendar = HolidayCalendar.For(jurisdiction);
            foreach (var unit in new[] { PeriodUnit.Hours, PeriodUnit.Days, PeriodUnit.BusinessDays, PeriodUnit.Months })
            {
                var deadline = DeadlineCalculator.Compute(start, amount, unit, zone, calendar)!.Value;
                Assert.True(deadline >= start, $"{unit} {amount} from {start:o} in {zone}: {deadline:o}");
                if (unit != PeriodUnit.Hours && amount > 0)
                {
                    Assert.True(deadline > start.AddHours(amount * 0.9), $"{unit} {amount} from {start:o} ended too early: {deadline:o}");
                }
            }
        }
    }

    [Fact]
    public void Compute_BusinessDays_NeverEndsOnWeekendOrHoliday()
    {
        foreach (var (start, amount, jurisdiction, zone) in Cases(73, 3000))
        {
            var calendar = HolidayCalendar.For(jurisdiction);
            var tz = DeadlineCalculator.ResolveTimeZone(zone);
            var deadline = DeadlineCalculator.Compute(start, Math.Max(1, amount), PeriodUnit.BusinessDays, zone, calendar)!.Value;
            var local = TimeZoneInfo.ConvertTime(deadline, tz);
            Assert.True(calendar.IsBusinessDay(DateOnly.FromDateTime(local.DateTime)), $"{start:o} +{amount} BD in {jurisdiction} ended on {local:yyyy-MM-dd dddd}");
            Assert.Equal(new TimeOnly(23, 59, 59, 999), TimeOnly.FromDateTime(local.DateTime));
        }
    }

    [Fact]
    public void Compute_Days_EndsAtLastInstantOfTheNthLocalDay()
    {
        foreach (var (start, amount, _, zone) in Cases(1182, 3000))
        {
            var tz = DeadlineCalculator.ResolveTimeZone(zone);
            var deadline = DeadlineCalculator.Compute(start, amount, PeriodUnit.Days, zone)!.Value;
            var local = TimeZoneInfo.ConvertTime(deadline, tz);
            Assert.Equal(DeadlineCalculator.LocalDate(start, tz).AddDays(amount), DateOnly.FromDateTime(local.DateTime));
            Assert.Equal(new TimeOnly(23, 59, 59, 999), TimeOnly.FromDateTime(local.DateTime));
        }
    }
}
