using System.Text.Json.Nodes;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Core.Ticketing;

/// <summary>
/// The incident's ticket in the organisation's ticketing system (docs/lifecycle.md#ticketing): opened with the incident,
/// brought up to date when the published record's status, severity or obligations change (one activity each time, none
/// otherwise), and, when someone closes it on the other side, the incident asks for its post-incident review.
/// </summary>
/// <remarks>
/// Syncs go out one after another in the order asked for, so a second publish never opens a second ticket while the first
/// open is still under way. A sync that fails after its retries is a bookkeeping failure (recorded, told once); the next
/// change tries again, opening the ticket if it never opened.
/// </remarks>
internal sealed class TicketDesk(IncidentRun run)
{
    /// <summary>Timeline entries sent with one update at most; the ticket links back to the incident for the rest.</summary>
    public const int MaxWorkNotes = 10;

    private TicketRef? ticket;
    private string? followed;
    private int noted;
    private bool closedThere;
    private Task lane = Task.CompletedTask;

    /// <summary>What the ticket last showed (a fingerprint of the record), or null before the first sync.</summary>
    public string? Followed => followed;

    /// <summary>How many timeline entries the ticket has been sent as work notes or skipped past.</summary>
    public int Noted => noted;

    /// <summary>Whether someone closed the ticket in the ticketing system.</summary>
    public bool ClosedThere => closedThere;

    /// <summary>The sync under way, if any: a generation ends only once it has.</summary>
    public Task Idle => lane;

    /// <summary>Takes up where a previous generation left the ticket.</summary>
    public void Restore(TicketRef? opened, string? fingerprint, int notes, bool closed)
    {
        ticket = opened;
        followed = fingerprint;
        noted = notes;
        closedThere = closed;
    }

    /// <summary>Brings the ticket up to date with <paramref name="summary"/> when it changed in what the ticket follows.</summary>
    /// <returns>The sync, or a completed task when there was nothing to send (or no ticketing in the playbook).</returns>
    public Task Follow(IncidentSummary summary)
    {
        if (run.Plan is not { Ticketing: true })
        {
            return Task.CompletedTask;
        }
        var fingerprint = Fingerprint(summary);
        if (fingerprint == followed)
        {
            return Task.CompletedTask;
        }
        followed = fingerprint;
        var content = Content(summary, summary.Timeline.Skip(noted).TakeLast(MaxWorkNotes));
        noted = summary.Timeline.Count;
        var previous = lane;
        lane = SyncAfter(previous, content);
        return lane;
    }

    /// <summary>
    /// The ticket was closed in the ticketing system: recorded, the post-incident review is asked for (evidence and a notice to
    /// the owners and the DPO), and the incident stays as it is: only a person's close with the review ends it. Said once;
    /// the poll that saw the close may see it again.
    /// </summary>
    public async Task ClosedThereAsync(RemoteTicket remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (closedThere || run.Plan is not { Ticketing: true })
        {
            return;
        }
        closedThere = true;
        var number = remote.Ticket.Number;
        await run.Evidence(EvidenceKinds.TicketClosedRemotely, "ticketing", $"Ticket {number} was closed in the ticketing system (state {remote.State})",
            new JsonObject
            {
                ["number"] = number,
                ["sysId"] = remote.Ticket.SysId,
                ["state"] = remote.State,
                ["closeNotes"] = remote.CloseNotes is null ? null : BoundedText.Truncate(remote.CloseNotes, EvidenceLimits.MaxStringChars),
                ["updatedAt"] = remote.UpdatedAt,
            });
        var blockers = ClosureBlockers.Of(run.Summary);
        await run.Evidence(EvidenceKinds.IncidentReviewRequested, "system",
            $"Ticket {number} closed: the post-incident review is asked for; the incident closes only with it",
            new JsonObject
            {
                ["ticket"] = number,
                ["blockers"] = new JsonArray([.. blockers.Select(b => (JsonNode?)b)]),
            });
        await run.Notify("review-requested", [.. run.Plan.Route.Owners.Concat(run.Plan.Route.Dpo).Distinct(StringComparer.OrdinalIgnoreCase)],
            $"Post-incident review needed: ticket {number} for {run.Input.IncidentId} was closed",
            new Dictionary<string, string>
            {
                ["Ticket"] = number,
                ["Incident"] = run.Input.IncidentId,
                ["What happens now"] = blockers.Count == 0
                    ? "Close the incident with its review (root cause, control changes, risk-register entries) in the console."
                    : "Before the incident can close with its review: " + string.Join("; ", blockers),
            });
        await run.Publish();
    }

    private async Task SyncAfter(Task previous, TicketContent content)
    {
        await previous;
        var known = ticket;
        var opening = await run.Bookkeep(BookkeepingStep.Ticket, "ticket " + (known is null ? "open" : "update"), () =>
            run.Context.CallActivityAsync<TicketOpening>(nameof(SyncTicketActivity), new TicketSyncRequest(content, known), IncidentRun.ActivityRetry));
        if (opening is null || known is not null)
        {
            return;
        }
        ticket = opening.Ticket;
        // The next publish carries it, so the console and the API show the ticket's number.
        run.State.Ticketed(opening.Ticket);
        await run.Evidence(EvidenceKinds.TicketOpened, "system",
            $"Ticket {opening.Ticket.Number} " + (opening.Created ? "opened" : "found (an earlier attempt opened it)") + " in the ticketing system",
            new JsonObject { ["number"] = opening.Ticket.Number, ["sysId"] = opening.Ticket.SysId, ["created"] = opening.Created });
    }

    private TicketContent Content(IncidentSummary summary, IEnumerable<TimelineEntry> notes) => new(
        summary.Id,
        BoundedText.Truncate($"[{summary.Severity?.Level ?? "unassessed"}] AI data leak: {summary.AiSystemName ?? summary.AiSystem ?? "unknown AI system"} ({summary.Id})", 160),
        summary.Status,
        summary.Severity?.Level,
        [.. summary.Obligations.Select(o => $"{o.Regime}: {o.Status}" + (o.Deadline is { } d ? $" (deadline {d:yyyy-MM-dd HH:mm} UTC)" : ""))],
        [.. notes.Select(n => $"{n.At:yyyy-MM-dd HH:mm} UTC {n.Kind}: {n.Summary}")])
    {
        // A ticket someone closed over there stays closed: later updates add notes, never reopen it.
        StateFollows = !closedThere,
    };

    private static string Fingerprint(IncidentSummary summary) =>
        $"{summary.Status}|{summary.Severity?.Level}|{string.Join(",", summary.Obligations.Select(o => $"{o.Regime}:{o.Status}"))}";
}
