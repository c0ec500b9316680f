using ServerlessIR.Core.Assessment;
using Xunit;

namespace ServerlessIR.Core.Tests.Assessment;

/// <summary>The counting trace behind <c>ir assess --explain</c>: every day a business-day count passes, and why.</summary>
public sealed class DeadlineCalculatorTraceTests
{
    private static readonly HolidayCalendar Brazil = HolidayCalendar.For("BR");

    // ANPD Resolution 15/2024 Art. 6: 3 business days. Thu 18 Apr 2030: Good Friday 19 Apr (Lei 9.093/1995 Art. 2), the
    // weekend (Sunday 21 Apr is also Tiradentes, Lei 662/1949), then Mon 22, Tue 23, Wed 24.
    [Fact]
    public void Trace_BrazilBusinessDaysOverGoodFriday_SkipsHolidayByNameAndSourceAndWeekend()
    {
        var start = new DateTimeOffset(2030, 4, 18, 12, 0, 0, TimeSpan.Zero);

        var trace = DeadlineCalculator.Trace(start, 3, PeriodUnit.BusinessDays, "America/Sao_Paulo", Brazil);

        Assert.Equal(new DateTimeOffset(2030, 4, 25, 2, 59, 59, 999, TimeSpan.Zero), trace.Deadline);
        Assert.Equal(DeadlineCalculator.Compute(start, 3, PeriodUnit.BusinessDays, "America/Sao_Paulo", Brazil), trace.Deadline);
        var holiday = Assert.Single(trace.Steps, s => s.Kind == CountingStepKind.SkippedHoliday);
        Assert.Equal(new DateOnly(2030, 4, 19), holiday.Day);
        Assert.Contains("Sexta-feira da Paixão", holiday.Note, StringComparison.Ordinal);
        Assert.Contains("9.093", holiday.Note, StringComparison.Ordinal);
        Assert.Contains("Other reading", holiday.Note, StringComparison.Ordinal);
        Assert.Equal([new DateOnly(2030, 4, 20), new DateOnly(2030, 4, 21)],
            trace.Steps.Where(s => s.Kind == CountingStepKind.SkippedWeekend).Select(s => s.Day!.Value));
        Assert.Contains("Tiradentes", trace.Steps.Single(s => s.Day == new DateOnly(2030, 4, 21)).Note, StringComparison.Ordinal);
        Assert.Equal(3, trace.Steps.Count(s => s.Kind == CountingStepKind.Counted));
        Assert.Equal(CountingStepKind.Deadline, trace.Steps[^1].Kind);
    }

    // Carnival Monday and Tuesday 2031 (Easter 13 Apr - 48, - 47) count: no national holiday under Lei 662/1949 as amended by
    // Lei 10.607/2002, so 3 business days from Friday 21 Feb end on Wednesday 26 Feb.
    [Fact]
    public void Trace_BrazilOverCarnival2031_CountsCarnivalAsWorkingDaysAndSaysWhy()
    {
        var start = new DateTimeOffset(2031, 2, 21, 12, 0, 0, TimeSpan.Zero);

        var trace = DeadlineCalculator.Trace(start, 3, PeriodUnit.BusinessDays, "America/Sao_Paulo", Brazil);

        Assert.Equal(new DateTimeOffset(2031, 2, 27, 2, 59, 59, 999, TimeSpan.Zero), trace.Deadline);
        var carnival = trace.Steps.Where(s => s.Kind == CountingStepKind.CountedDespiteObservance).ToList();
        Assert.Equal([new DateOnly(2031, 2, 24), new DateOnly(2031, 2, 25)], carnival.Select(s => s.Day!.Value));
        Assert.All(carnival, s => Assert.Contains("ponto facultativo", s.Note, StringComparison.Ordinal));
    }

    [Fact]
    public void Trace_Hours_OneStartAndOneEndStep()
    {
        var trace = DeadlineCalculator.Trace(Facts.AwareAt, 72, PeriodUnit.Hours, "Europe/Berlin");

        Assert.Equal(Facts.AwareAt.AddHours(72), trace.Deadline);
        Assert.Equal([CountingStepKind.ClockStart, CountingStepKind.Deadline], trace.Steps.Select(s => s.Kind));
    }

    [Fact]
    public void Trace_WithoutUndueDelay_NoDeadlineAndSaysSo()
    {
        var trace = DeadlineCalculator.Trace(Facts.AwareAt, 0, PeriodUnit.WithoutUndueDelay, "Europe/Berlin");

        Assert.Null(trace.Deadline);
        Assert.Contains("no fixed period", Assert.Single(trace.Steps).Note, StringComparison.Ordinal);
    }
}
