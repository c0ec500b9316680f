using Microsoft.DurableTask.Client;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion.Polling;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Ticketing;

namespace ServerlessIR.Adapters.Ticketing;

/// <summary>
/// Finds our tickets someone closed in the ticketing system since the last poll and tells each running incident
/// (<see cref="TicketClosedEvent"/>). Polling rather than an inbound webhook: it needs no route open to the internet and no
/// script on the ServiceNow side, and it reads the state with the same credential the tickets are written with
/// (docs/lifecycle.md#ticketing). The mark (the newest change seen, and the tickets changed at that instant) keeps each
/// close told once; an incident that has ended is not told.
/// </summary>
public sealed class TicketClosurePoller(ITicketSystem tickets, IHighWaterMarkStore marks, IPlaybookProvider playbooks, TimeProvider time)
{
    /// <summary>The mark's partition in the poller-state table (the Salesforce relay's marks use org IDs).</summary>
    public const string MarkScope = "ticketing";

    /// <summary>How far back the first poll looks, with no mark yet.</summary>
    public static readonly TimeSpan FirstLookBack = TimeSpan.FromDays(1);

    /// <returns>How many incidents were told their ticket was closed.</returns>
    public async Task<int> PollAsync(DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (playbooks.Current.Ticketing is not { } settings)
        {
            return 0;
        }
        var mark = await marks.GetAsync(MarkScope, settings.System, cancellationToken);
        var since = mark?.CreatedDate ?? time.GetUtcNow() - FirstLookBack;
        var seen = mark?.IdsAtMark ?? [];
        var closed = (await tickets.ClosedSinceAsync(since, cancellationToken))
            .Where(t => t.UpdatedAt > since || !seen.Contains(t.Ticket.SysId, StringComparer.Ordinal))
            .ToList();
        var told = 0;
        foreach (var ticket in closed)
        {
            var instance = string.IsNullOrEmpty(ticket.IncidentId)
                ? null
                : await client.GetInstanceAsync(ticket.IncidentId, getInputsAndOutputs: false, cancellationToken);
            if (instance is { IsRunning: true })
            {
                await client.RaiseEventAsync(ticket.IncidentId, IncidentEvent.Name, new TicketClosedEvent(ticket), cancellationToken);
                told++;
            }
        }
        if (closed.Count > 0)
        {
            var newest = closed.Max(t => t.UpdatedAt);
            var atNewest = closed.Where(t => t.UpdatedAt == newest).Select(t => t.Ticket.SysId);
            await marks.SaveAsync(MarkScope, settings.System,
                new HighWaterMark(newest, [.. newest == since ? seen.Concat(atNewest).Distinct(StringComparer.Ordinal) : atNewest]), cancellationToken);
        }
        return told;
    }
}
