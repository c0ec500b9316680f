namespace ServerlessIR.Core.Incidents;

/// <summary>
/// Sleeps on durable timers until each obligation's next checkpoint, handling whatever reaches the incident meanwhile
/// (joined signals, amended facts, holds, submitted notices, a false positive). No polling: one timer and one
/// external-event wait at a time, so a month-long clock costs nothing while it runs. The next checkpoint is chosen
/// afresh after every event, because amended facts move clocks; one moved into the past fires at once.
/// </summary>
internal static class ClockWatch
{
    public static async Task RunAsync(IncidentRun run)
    {
        // Events that arrived while the incident was busy go first: amended facts may move the clocks that are due.
        await DrainAsync(run);
        while (!run.Closed && run.NextCheckpoint() is { } checkpoint)
        {
            var fireAt = run.Clock.ToReal(checkpoint.DueAt);
            if (run.Context.CurrentUtcDateTime >= fireAt)
            {
                await run.CheckpointFired(checkpoint);
                continue;
            }
            await WaitAsync(run, fireAt);
        }
        // An event that arrived while the last checkpoint was being handled is still the incident's to record.
        await DrainAsync(run);
        await LingerForJoins(run);
    }

    /// <summary>
    /// Without a horizon (production), stays open until the correlation window has closed: ingestion raises a joining
    /// signal on this instance for as long as the window is open, and an event raised on a completed instance is
    /// discarded. A grace (a tenth of the window, at most five minutes) covers a join decided just before the window
    /// closed. A drill ends at its horizon instead.
    /// </summary>
    private static async Task LingerForJoins(IncidentRun run)
    {
        if (run.Input.Runtime.HorizonHours is not null)
        {
            return;
        }
        var window = TimeSpan.FromHours(run.Plan.CorrelationWindowHours);
        var grace = TimeSpan.FromTicks(Math.Min(window.Ticks / 10, TimeSpan.FromMinutes(5).Ticks));
        var until = run.Clock.ToReal(run.Input.OpenedAt) + window + grace;
        while (!run.Closed && run.Context.CurrentUtcDateTime < until)
        {
            await WaitAsync(run, until);
        }
    }

    /// <summary>Sleeps on a durable timer until <paramref name="until"/> (real time) unless an incident event comes first; handles it.</summary>
    private static async Task WaitAsync(IncidentRun run, DateTime until)
    {
        using var cancel = new CancellationTokenSource();
        var timer = run.Context.CreateTimer(until, cancel.Token);
        // One event wait outlives the timers: the SDK (1.28) routes an event to a cancelled waiter and loses it
        // (microsoft/durabletask-dotnet#508), so the wait is never cancelled, only taken when it completes.
        var external = run.NextEvent();
        if (await Task.WhenAny(timer, external) == external)
        {
            // Cancel synchronously: CancelAsync would run the timer's continuation on another thread, and an
            // orchestrator must stay single-threaded.
#pragma warning disable CA1849
            cancel.Cancel();
#pragma warning restore CA1849
            await run.Handle(run.TakeEvent());
        }
    }

    /// <summary>Handles every incident event that has already arrived.</summary>
    private static async Task DrainAsync(IncidentRun run)
    {
        while (!run.Closed && run.NextEvent().IsCompleted)
        {
            await run.Handle(run.TakeEvent());
        }
    }
}
