using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// Sleeps on durable timers until each obligation's next checkpoint, handling whatever reaches the incident meanwhile
/// (joined signals, amended facts, holds, submitted notices, a false positive). No polling: one timer and one
/// external-event wait at a time, so a month-long clock costs nothing while it runs. The next checkpoint is chosen
/// afresh after every event, because amended facts move clocks; one moved into the past fires at once.
/// </summary>
internal sealed class ClockWatch(IncidentRun run, NoticeDesk notices)
{
    private readonly CheckpointLadder ladder = new(run);
    private readonly FactsDesk facts = new(run);
    private readonly FalsePositiveClosure falsePositive = new(run);

    public async Task RunAsync()
    {
        // Events that arrived while the incident was busy go first: amended facts may move the clocks that are due.
        await DrainAsync();
        while (!run.Closed && run.State.Obligations.NextCheckpoint() is { } checkpoint)
        {
            var fireAt = run.Clock.ToReal(checkpoint.DueAt);
            if (run.Context.CurrentUtcDateTime >= fireAt)
            {
                await ladder.FireAsync(checkpoint);
                continue;
            }
            await WaitAsync(fireAt);
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
        var until = run.Clock.ToReal(run.Input.OpenedAt) + window + grace;
        while (!run.Closed && run.Context.CurrentUtcDateTime < until)
        {
            await WaitAsync(until);
        }
    }

    /// <summary>Sleeps on a durable timer until <paramref name="until"/> (real time) unless an incident event comes first; handles it.</summary>
    private async Task WaitAsync(DateTime until)
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
            await HandleAsync(run.TakeEvent());
        }
    }

    /// <summary>
    /// Handles every incident event that has already arrived. The orchestrator calls it once more just before it ends:
    /// an event raised while the last records were written is in the history but would be dropped with the instance.
    /// </summary>
    public async Task DrainAsync()
    {
        while (!run.Closed && run.NextEvent().IsCompleted)
        {
            await HandleAsync(run.TakeEvent());
        }
    }

    private async Task HandleAsync(IncidentEvent incidentEvent)
    {
        switch (incidentEvent)
        {
            case SignalJoinedEvent { Signal: { } signal }:
                await JoinAsync(signal);
                break;
            case NoticeSubmittedEvent { Decision: { } decision }:
                await notices.SubmittedAsync(decision);
                break;
            case FactsAmendedEvent { Amendment: { } amendment }:
                await facts.AmendAsync(amendment);
                break;
            case FalsePositiveDeclaredEvent { Request: { } request }:
                await falsePositive.CloseAsync(request);
                break;
            default:
                await run.Evidence(EvidenceKinds.EventIgnored, "system", $"Event '{KindOf(incidentEvent)}' is not handled in this state");
                break;
        }
    }

    private async Task JoinAsync(Signal signal)
    {
        var widens = run.Join(signal);
        await run.Evidence(EvidenceKinds.SignalJoined, "source:" + signal.Source, signal.Summary, IncidentRun.Payload(signal));
        // A joined signal that widens the breach (more people, another country, another category, malice) is
        // re-assessed; one that repeats what is known is not, so an alert storm stays cheap per signal.
        if (widens)
        {
            await run.Reassess(reason: null);
        }
        await run.Publish();
    }

    private static string KindOf(IncidentEvent incidentEvent) => incidentEvent switch
    {
        SignalJoinedEvent => IncidentEvent.Kinds.Signal,
        NoticeSubmittedEvent => IncidentEvent.Kinds.NoticeSubmitted,
        FactsAmendedEvent => IncidentEvent.Kinds.Facts,
        FalsePositiveDeclaredEvent => IncidentEvent.Kinds.FalsePositive,
        _ => "unknown",
    };
}
