using Microsoft.DurableTask;

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
        while (!run.Closed && run.NextCheckpoint() is { } checkpoint)
        {
            var fireAt = run.Clock.ToReal(checkpoint.DueAt);
            if (run.Context.CurrentUtcDateTime >= fireAt)
            {
                await run.CheckpointFired(checkpoint);
                continue;
            }
            using var cancel = new CancellationTokenSource();
            var timer = run.Context.CreateTimer(fireAt, cancel.Token);
            // One event wait outlives the timers: the SDK (1.28) routes an event to a cancelled waiter and loses it
            // (microsoft/durabletask-dotnet#508), so the wait is never cancelled, only taken when it completes.
            var external = run.NextEvent();
            var winner = await Task.WhenAny(timer, external);
            if (winner == external)
            {
                // Cancel synchronously: CancelAsync would run the timer's continuation on another thread, and an
                // orchestrator must stay single-threaded.
#pragma warning disable CA1849
                cancel.Cancel();
#pragma warning restore CA1849
                await run.Handle(run.TakeEvent());
            }
        }
        // An event that arrived while the last checkpoint was being handled is still the incident's to record.
        if (!run.Closed && run.NextEvent().IsCompleted)
        {
            await run.Handle(run.TakeEvent());
        }
    }
}
