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

    /// <summary>
    /// Watches the clocks until every checkpoint has fired (and, in production, the correlation window has closed), or until
    /// this generation's history is spent (<see cref="IncidentRun.ContinueAsNewDue"/>): then it stops at a safe point, between
    /// two checkpoints with no containment step or approval under way, and the caller continues as new. A resumed
    /// generation calls it again and it goes on where the last one stopped.
    /// </summary>
    /// <returns>True when the incident should continue as new in this phase; false when the watch is over.</returns>
    public async Task<bool> RunAsync()
    {
        run.InLongLivedPhase = true;
        try
        {
            // Events that arrived while the incident was busy go first: amended facts may move the clocks that are due.
            await DrainAsync();
            while (!run.Closed)
            {
                if (run.State.Containment.NextStep() is not null)
                {
                    await ResumeContainmentAsync();
                    continue;
                }
                if (run.Notices.HasUndrafted)
                {
                    // A re-assessment added obligations (a new country, say): their notices are drafted now, with the most of
                    // their clocks left, rather than at their draft-notice checkpoints.
                    await DraftAddedNoticesAsync();
                    continue;
                }
                if (await AtSafePointAsync())
                {
                    return true;
                }
                if (run.State.Obligations.NextCheckpoint() is not { } checkpoint)
                {
                    break;
                }
                // The incident waits for the checkpoint at the scale; the timer is set afresh after each event, from incident now.
                if (IsDue(checkpoint, out var fireAt))
                {
                    await ladder.FireAsync(checkpoint, run.Input.FiresDueTogether ? NextDue : null);
                    continue;
                }
                await run.Inbox.WaitForEventAsync(fireAt, checkpoint.DueAt);
            }
            // An event that arrived while the last checkpoint was being handled is still the incident's to record.
            await DrainAsync();
            return await LingerForJoins();
        }
        finally
        {
            run.InLongLivedPhase = false;
        }
    }

    /// <summary>Whether <paramref name="checkpoint"/> is due (by incident time, or its real firing time has come).</summary>
    private bool IsDue(PlannedCheckpoint checkpoint, out DateTime fireAt)
    {
        fireAt = run.Time.RealWhen(checkpoint.DueAt, run.Context.CurrentUtcDateTime);
        return run.Now >= checkpoint.DueAt || run.Context.CurrentUtcDateTime >= fireAt;
    }

    /// <summary>The next checkpoint, if it is due now as well.</summary>
    private PlannedCheckpoint? NextDue() =>
        run.State.Obligations.NextCheckpoint() is { } next && IsDue(next, out _) ? next : null;

    /// <summary>
    /// Whether the generation may end here: its history is spent, every event already delivered is handled, no containment
    /// step is left to run and every record asked for is written. An event that arrives while the records finish is handled
    /// first (the caller's loop comes back here), so the generation never ends holding one.
    /// </summary>
    private async Task<bool> AtSafePointAsync()
    {
        if (!run.ContinueAsNewDue)
        {
            return false;
        }
        await run.Inbox.DrainAsync();
        if (run.Closed || run.State.Containment.NextStep() is not null || run.Notices.HasUndrafted)
        {
            return false;
        }
        await run.IdleAsync();
        return !run.Closed && !run.Inbox.HasEvent;
    }

    /// <summary>
    /// Without a horizon (production), stays open until the correlation window has closed: ingestion raises a joining
    /// signal on this instance for as long as the window is open, and an event raised on a completed instance is
    /// discarded. A grace (a tenth of the window, at most five minutes) covers a join decided just before the window
    /// closed. A drill ends at its horizon instead.
    /// </summary>
    /// <returns>True when the incident should continue as new (it comes back here, as every checkpoint has fired).</returns>
    private async Task<bool> LingerForJoins()
    {
        if (run.Input.Runtime.HorizonHours is not null)
        {
            return false;
        }
        var window = TimeSpan.FromHours(run.Plan.CorrelationWindowHours);
        var grace = TimeSpan.FromTicks(Math.Min(window.Ticks / 10, TimeSpan.FromMinutes(5).Ticks));
        // Real time, not incident time: ingestion keeps the window open by the real clock.
        var until = run.Input.OpenedAt.UtcDateTime + window + grace;
        while (!run.Closed && run.Context.CurrentUtcDateTime < until)
        {
            if (await AtSafePointAsync())
            {
                return true;
            }
            await run.Inbox.WaitForEventAsync(until, incidentUntil: null);
            await RunAddedStepsAsync();
        }
        return false;
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
            await ResumeContainmentAsync();
        }
        if (!run.Closed && run.Notices.HasUndrafted)
        {
            await DraftAddedNoticesAsync();
        }
    }

    /// <summary>Drafts the notices of obligations a re-assessment added: not a long-lived phase, like the steps a re-plan added.</summary>
    private async Task DraftAddedNoticesAsync()
    {
        var longLived = run.InLongLivedPhase;
        run.InLongLivedPhase = false;
        try
        {
            await run.Notices.DraftAsync(run.Plan);
        }
        finally
        {
            run.InLongLivedPhase = longLived;
        }
    }

    /// <summary>Runs the steps a re-plan added: not a long-lived phase, so a take of joined signals there never stops for the budget.</summary>
    private async Task ResumeContainmentAsync()
    {
        var longLived = run.InLongLivedPhase;
        run.InLongLivedPhase = false;
        try
        {
            await containment.ResumeAsync();
        }
        finally
        {
            run.InLongLivedPhase = longLived;
        }
    }
}
