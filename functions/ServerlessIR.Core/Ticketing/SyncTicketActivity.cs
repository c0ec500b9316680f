using Microsoft.DurableTask;

namespace ServerlessIR.Core.Ticketing;

/// <summary>
/// Opens the incident's ticket or brings it up to date. Without a known ticket it opens one, which first looks for a ticket
/// carrying the incident's ID: a retried attempt whose create went through but whose answer was lost finds that ticket and
/// updates it instead of opening a second.
/// </summary>
/// <remarks>Runs at least once: opening is idempotent by incident ID; an update sets state and priority (the same on a
/// retry) and may add its work notes twice, which is the only trace a retry leaves.</remarks>
[DurableTask(nameof(SyncTicketActivity))]
public sealed class SyncTicketActivity(ITicketSystem tickets) : TaskActivity<TicketSyncRequest, TicketOpening>
{
    public override async Task<TicketOpening> RunAsync(TaskActivityContext context, TicketSyncRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Known is { } known)
        {
            await tickets.UpdateAsync(known, input.Content);
            return new TicketOpening(known, Created: false);
        }
        var opening = await tickets.OpenAsync(input.Content);
        if (!opening.Created)
        {
            await tickets.UpdateAsync(opening.Ticket, input.Content);
        }
        return opening;
    }
}
