using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// Sleeps on durable timers until each obligation's checkpoints, handling whatever reaches the incident meanwhile.
/// No polling: one timer and one external-event wait at a time, so a month-long clock costs nothing while it runs.
/// </summary>
internal static class ClockWatch
{
    public static async Task RunAsync(IncidentRun run, IncidentPlan plan)
    {
        var horizon = run.Input.Runtime.HorizonHours is { } h ? run.Input.OpenedAt.AddHours(h) : (DateTimeOffset?)null;
        var pending = plan.Checkpoints.Where(c => horizon is null || c.DueAt <= horizon).OrderBy(c => c.DueAt).ToList();
        foreach (var checkpoint in pending)
        {
            var fireAt = run.Clock.ToReal(checkpoint.DueAt);
            while (run.Context.CurrentUtcDateTime < fireAt)
            {
                using var cancel = new CancellationTokenSource();
                var timer = run.Context.CreateTimer(fireAt, cancel.Token);
                var external = run.Context.WaitForExternalEvent<IncidentEvent>(IncidentEvent.Name, cancel.Token);
                var winner = await Task.WhenAny(timer, external);
                // Cancel synchronously: CancelAsync would run the timer's continuation on another thread, and an
                // orchestrator must stay single-threaded.
#pragma warning disable CA1849
                cancel.Cancel();
#pragma warning restore CA1849
                if (winner == external)
                {
                    await run.Handle(await external);
                }
            }
            await run.CheckpointFired(checkpoint);
        }
    }
}
