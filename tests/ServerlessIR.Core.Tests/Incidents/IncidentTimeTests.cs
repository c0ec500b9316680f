using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Core.Tests.Incidents;

public sealed class IncidentTimeTests
{
    private static readonly DateTime Start = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Now_WorkWithoutWaits_RunsAtRealSpeedWhateverTheScale()
    {
        var time = new IncidentTime(3600);

        Assert.Equal(Start.AddSeconds(13.6), time.Now(Start.AddSeconds(13.6)).UtcDateTime);
    }

    [Fact]
    public void Resumed_TimerOfAWaitFired_ReachesTheIncidentTimeItStoodFor()
    {
        var due = new DateTimeOffset(Start).AddHours(24);
        var time = new IncidentTime(3600);
        var fireAt = time.RealWhen(due, Start);

        var after = time.Waiting(Start, fireAt, due).Resumed(fireAt, reachedEnd: true);

        Assert.Equal(Start.AddSeconds(24), fireAt);
        Assert.Equal(due, after.Now(fireAt));
    }

    [Fact]
    public void Resumed_WorkThenWaitThenWork_OnlyTheWaitIsScaled()
    {
        var time = new IncidentTime(3600);
        var waitFrom = Start.AddSeconds(2);
        var waitUntil = waitFrom.AddSeconds(10);

        var after = time.Waiting(waitFrom, waitUntil, time.Now(waitFrom) + TimeSpan.FromSeconds(10 * 3600)).Resumed(waitUntil, reachedEnd: true);

        // 2 s of work, 10 s of waiting at 3600x, then 3 s of work: 2 s + 10 h + 3 s.
        Assert.Equal(TimeSpan.FromHours(10) + TimeSpan.FromSeconds(5), after.Now(waitUntil.AddSeconds(3)) - new DateTimeOffset(Start));
    }

    [Fact]
    public void Resumed_WaitInterruptedByAnEvent_CountsTheRealTimeItRanAtItsRate()
    {
        var time = new IncidentTime(360);
        var until = Start.AddSeconds(10);

        var after = time.Waiting(Start, until, time.Now(Start).AddHours(1)).Resumed(Start.AddSeconds(4), reachedEnd: false);

        Assert.Equal(TimeSpan.FromSeconds(4 * 360), after.Now(Start.AddSeconds(4)) - new DateTimeOffset(Start));
    }

    [Fact]
    public void Resumed_EngineWokeLate_LatenessCountsAtRealSpeed()
    {
        var due = new DateTimeOffset(Start).AddHours(24);
        var time = new IncidentTime(3600);
        var fireAt = time.RealWhen(due, Start);

        var after = time.Waiting(Start, fireAt, due).Resumed(fireAt.AddSeconds(2), reachedEnd: true);

        Assert.Equal(due.AddSeconds(2), after.Now(fireAt.AddSeconds(2)));
    }

    [Fact]
    public void Waiting_PersonWithAFloorLongerThanTheScaledTimeout_StandsForTheTimeoutOnly()
    {
        var time = new IncidentTime(3600);
        var wait = time.HumanWait(TimeSpan.FromMinutes(15), TimeSpan.FromSeconds(5));

        var waiting = time.Waiting(Start, Start + wait, time.Now(Start).AddMinutes(15));
        var answered = waiting.Resumed(Start.AddSeconds(2), reachedEnd: false);

        Assert.Equal(TimeSpan.FromSeconds(5), wait);
        Assert.Equal(180, waiting.Wait!.Rate, 6);
        Assert.Equal(TimeSpan.FromMinutes(6), answered.Now(Start.AddSeconds(2)) - new DateTimeOffset(Start));
    }

    [Fact]
    public void Waiting_TargetAlreadyPassedInIncidentTime_NeverRunsSlowerThanRealTime()
    {
        var time = new IncidentTime(3600);

        var waiting = time.Waiting(Start, Start.AddSeconds(10), new DateTimeOffset(Start).AddSeconds(-5));

        Assert.Equal(1, waiting.Wait!.Rate, 6);
    }

    [Fact]
    public void Waiting_RealEndAlreadyCome_ReachesTheIncidentEndAtOnce()
    {
        var time = new IncidentTime(3600);

        var arrived = time.Waiting(Start.AddSeconds(3), Start.AddSeconds(2), new DateTimeOffset(Start).AddMinutes(15));

        Assert.Null(arrived.Wait);
        Assert.Equal(new DateTimeOffset(Start).AddMinutes(15), arrived.Now(Start.AddSeconds(3)));
    }

    [Fact]
    public void Waiting_RealEndAlreadyComeAndIncidentAhead_NeverGoesBack()
    {
        var time = new IncidentTime(3600, TimeSpan.FromHours(1));

        Assert.Equal(time, time.Waiting(Start.AddSeconds(3), Start.AddSeconds(2), new DateTimeOffset(Start).AddMinutes(15)));
    }

    [Fact]
    public void Waiting_SameWaitAskedAgain_GoesOnUnchanged()
    {
        var time = new IncidentTime(3600);
        var waiting = time.Waiting(Start, Start.AddSeconds(10), new DateTimeOffset(Start).AddHours(10));

        Assert.Same(waiting, waiting.Waiting(Start.AddSeconds(1), Start.AddSeconds(10), new DateTimeOffset(Start).AddHours(10)));
    }

    [Fact]
    public void Now_DuringAWait_ExtrapolatesAtTheWaitsRateForPages()
    {
        var time = new IncidentTime(3600).Waiting(Start, Start.AddSeconds(10), new DateTimeOffset(Start).AddHours(10));

        Assert.Equal(new DateTimeOffset(Start).AddHours(5), time.Now(Start.AddSeconds(5)));
        Assert.Equal(new DateTimeOffset(Start).AddHours(10).AddSeconds(1), time.Now(Start.AddSeconds(11)));
    }

    [Fact]
    public void Resumed_SameReadingsTwice_GiveTheSameTimes()
    {
        static IncidentTime Replay()
        {
            var time = new IncidentTime(3600);
            var due = new DateTimeOffset(Start).AddHours(24);
            var fireAt = time.RealWhen(due, Start.AddSeconds(1.7));
            time = time.Waiting(Start.AddSeconds(1.7), fireAt, due).Resumed(fireAt.AddMilliseconds(300), reachedEnd: true);
            var person = time.HumanWait(TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(5));
            var from = fireAt.AddSeconds(1);
            return time.Waiting(from, from + person, time.Now(from).AddMinutes(30)).Resumed(from.AddSeconds(3.3), reachedEnd: false);
        }

        Assert.Equal(Replay(), Replay());
    }

    [Fact]
    public void RealWhen_TimeAlreadyCome_IsNow()
    {
        var time = new IncidentTime(3600);

        Assert.Equal(Start, time.RealWhen(new DateTimeOffset(Start).AddMinutes(-1), Start));
    }

    [Fact]
    public void Now_ScaleOneWaits_IsRealTime()
    {
        var time = IncidentTime.Real;
        var after = time.Waiting(Start, Start.AddHours(1), new DateTimeOffset(Start).AddHours(1)).Resumed(Start.AddHours(1), reachedEnd: true);

        Assert.Equal(new DateTimeOffset(Start).AddHours(2), after.Now(Start.AddHours(2)));
    }

    [Fact]
    public void RealWhenWaiting_AlarmInsideAHumanWait_FiresAtThatWaitsRate()
    {
        // A 30-minute tier stretched to a 5-second floor runs at 360x, not at the scale of 3600.
        var time = new IncidentTime(3600);
        var incidentNow = time.Now(Start);

        var at = time.RealWhenWaiting(incidentNow.AddMinutes(15), Start, Start.AddSeconds(5), incidentNow.AddMinutes(30));

        Assert.Equal(Start.AddSeconds(2.5), at);
    }

    [Fact]
    public void RealWhenWaiting_AlarmDuringAPauseAtRealSpeed_WaitsItsWholeIncidentSpan()
    {
        var time = new IncidentTime(3600);

        var at = time.RealWhenWaiting(time.Now(Start).AddSeconds(20), Start, Start.AddSeconds(30), incidentUntil: null);

        Assert.Equal(Start.AddSeconds(20), at);
    }

    [Fact]
    public void RealWhenWaiting_AlarmFiredThenResumed_ReachesTheAlarmsMomentExactly()
    {
        var time = new IncidentTime(3600);
        var checkpoint = time.Now(Start).AddHours(24);
        var reminder = time.Now(Start).AddHours(2);
        var until = time.RealWhen(checkpoint, Start);

        var at = time.RealWhenWaiting(reminder, Start, until, checkpoint);
        var after = time.Waiting(Start, at, reminder).Resumed(at, reachedEnd: true);

        Assert.Equal(Start.AddSeconds(2), at);
        Assert.Equal(reminder, after.Now(at));
    }

    [Fact]
    public void RealWhenWaiting_MomentPassed_IsNow()
    {
        var time = new IncidentTime(3600);

        Assert.Equal(Start, time.RealWhenWaiting(time.Now(Start).AddMinutes(-1), Start, Start.AddSeconds(10), time.Now(Start).AddHours(10)));
    }
}
