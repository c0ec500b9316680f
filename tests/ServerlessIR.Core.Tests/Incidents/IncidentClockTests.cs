using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Core.Tests.Incidents;

public sealed class IncidentClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ToReal_SeventyTwoHoursAt3600_FiresSeventyTwoSecondsAfterStart()
    {
        var clock = new IncidentClock(Start, 3600);
        Assert.Equal(Start.UtcDateTime.AddSeconds(72), clock.ToReal(Start.AddHours(72)));
    }

    [Fact]
    public void ToIncident_InvertsToReal()
    {
        var clock = new IncidentClock(Start, 3600);
        var due = Start.AddHours(48).AddMinutes(36);
        Assert.Equal(due, clock.ToIncident(clock.ToReal(due)));
    }

    [Fact]
    public void ToReal_ScaleOne_IsTheDeadlineItself()
    {
        var clock = new IncidentClock(Start, 1);
        Assert.Equal(Start.AddHours(72).UtcDateTime, clock.ToReal(Start.AddHours(72)));
    }

    [Fact]
    public void HumanWait_ScaledBelowFloor_GetsTheFloor()
    {
        var clock = new IncidentClock(Start, 3600);
        Assert.Equal(TimeSpan.FromSeconds(5), clock.HumanWait(TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromSeconds(10), new IncidentClock(Start, 360).HumanWait(TimeSpan.FromHours(1), TimeSpan.FromSeconds(5)));
    }
}
