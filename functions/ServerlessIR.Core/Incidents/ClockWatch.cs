namespace ServerlessIR.Core.Incidents;

/// <summary>
/// Sleeps on durable timers until each obligation's next checkpoint, handling whatever reaches the incident meanwhile
/// through the <see cref="IncidentInbox"/>. No polling: one timer and one external-event wait at a time, so a month-long
/// clock costs nothing while it runs. The next checkpoint is chosen afresh after every event, because amended facts
/// move clocks (one moved into the past fires at once), and the containment steps a rise in severity added, and the
/// notices of obligations a re-assessment added, are done before the watch sleeps again.
/// </summary>
internal sealed class ClockWatch(IncidentRun run, ContainmentPhase containment)
{
    private readonly CheckpointLadder ladder = new(run);

    public async Task RunAsync()
    {
        // Events that arrived while the incident was busy go first: amended facts may move the clocks that are due.
        await DrainAsync();
        while (!run.Closed)
        {
            if (run.State.Containment.NextStep() is not null)
            {
                await containment.ResumeAsync();
                continue;
            }
            if (run.Notices.HasUndrafted)
            {
                // A re-assessment added obligations (a new country, say): their notices are drafted now, with the most of
                // their clocks left, rather than at their draft-notice checkpoints.
                await run.Notices.DraftAsync(run.Plan);
                continue;
            }
            if (run.State.Obligations.NextCheckpoint() is not { } checkpoint)
            {
                break;
            }
            // The incident waits for the checkpoint at the scale; the timer is set afresh after each event, from incident now.
            var fireAt = run.Time.RealWhen(checkpoint.DueAt, run.Context.CurrentUtcDateTime);
            if (run.Now >= checkpoint.DueAt || run.Context.CurrentUtcDateTime >= fireAt)
            {
                await ladder.FireAsync(checkpoint);
                continue;
            }
            await run.Inbox.WaitForEventAsync(fireAt, checkpoint.DueAt);
        }
        // An event that arrived while the last checkpoint was being handled is still the incident's to record.
        await DrainAsync();
        await LingerForJoins();
    }

    /// <summary>
    /// Without a horizon (production), stays open until the correlation window has closed: ingestion raises a joining
    /// signal on this instance for as long as the window is open, and an event raised on a completed instance is
    /// discarded. A grace (a tenth of the window, at most five minutes) covers a join decided just before the window
    /// closed. A drill ends at its horizon instead.
    /// </summary>
    private async Task LingerForJoins()
    {
        if (run.Input.Runtime.HorizonHours is not null)
        {
            return;
        }
        var window = TimeSpan.FromHours(run.Plan.CorrelationWindowHours);
        var grace = TimeSpan.FromTicks(Math.Min(window.Ticks / 10, TimeSpan.FromMinutes(5).Ticks));
        // Real time, not incident time: ingestion keeps the window open by the real clock.
        var until = run.Input.OpenedAt.UtcDateTime + window + grace;
        while (!run.Closed && run.Context.CurrentUtcDateTime < until)
        {
            await run.Inbox.WaitForEventAsync(until, incidentUntil: null);
            await RunAddedStepsAsync();
        }
    }

    /// <summary>
    /// Handles every event that has already arrived, then runs the containment steps they added. The orchestrator calls it
    /// once more just before it ends: an event raised while the last records were written would be dropped with the instance.
    /// </summary>
    public async Task DrainAsync()
    {
        await run.Inbox.DrainAsync();
        await RunAddedStepsAsync();
    }

    private async Task RunAddedStepsAsync()
    {
        if (!run.Closed && run.State.Containment.NextStep() is not null)
        {
            await containment.ResumeAsync();
        }
        if (!run.Closed && run.Notices.HasUndrafted)
        {
            await run.Notices.DraftAsync(run.Plan);
        }
    }
}
