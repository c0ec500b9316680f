using Microsoft.DurableTask;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// The bookkeeping that ends an incident's step, in one activity: the messages the step sends (from revision 2), then the
/// step's evidence records, then the chain's head to the anchor stores when asked, then the incident record
/// (<see cref="JournalRequest"/>). Each was a round trip to the engine of its own before, at about four history events each
/// (docs/performance.md#one-journal-activity-per-step).
/// </summary>
/// <remarks>
/// Runs at least once, and each part is idempotent as its own activity is: a message through the ledgered senders under its
/// key, an append per (incident, sequence), the anchor per record count, the record an upsert. The messages go first, so a
/// <c>notification.sent</c> record is written only once its message went out; the record is written last, with the head the
/// last append returned, so it never shows evidence the ledger does not hold. A record sent as a change is applied to the
/// stored one only when that is the version it follows; a retry after the write finds the new version and leaves it.
/// </remarks>
[DurableTask(nameof(JournalIncidentActivity))]
public sealed class JournalIncidentActivity(
    IEvidenceLedger ledger,
    IEnumerable<IEvidenceAnchorStore> anchorStores,
    RetentionPolicy retention,
    TimeProvider timeProvider,
    IEnumerable<IAnchorSigner> signers,
    IIncidentStore store,
    IMailSender mail,
    ITeamsTransport teams,
    NoticeRenderer renderer,
    IPlaybookProvider playbooks) : TaskActivity<JournalRequest, JournalResult>
{
    public override async Task<JournalResult> RunAsync(TaskActivityContext context, JournalRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        foreach (var message in input.Messages)
        {
            // Sent exactly as their own activities send them, one after another in the order the step asked.
            if (message.Email is { } email)
            {
                await new SendEmailActivity(mail).RunAsync(context, email);
            }
            if (message.Update is { } update)
            {
                await new PostIncidentUpdateActivity(renderer, mail, teams, playbooks).RunAsync(context, update);
            }
        }
        // One write for the step's entries where the store can (a table transaction), each chained to the one before.
        var heads = (await ledger.AppendManyAsync(input.IncidentId, input.FirstSequence, input.Entries)).Select(r => r.Hash).ToList();
        // Anchored exactly as the anchor activity does it: the whole chain verified first, never a broken one.
        var anchored = input.Anchor is { } request
            ? await new AnchorEvidenceActivity(ledger, anchorStores, retention, timeProvider, signers).RunAsync(context, request)
            : null;
        var record = input.Record;
        if (input.Change is { } change)
        {
            var stored = await store.GetAsync(input.IncidentId);
            if (stored?.RecordVersion == change.Version)
            {
                // A retry after the write went through.
                return new JournalResult(heads, anchored);
            }
            record = stored is null ? null : change.Apply(stored);
            if (record is null)
            {
                // The stored record is not the one the change follows: the orchestration writes the whole record instead.
                return new JournalResult(heads, anchored) { RecordStale = true };
            }
        }
        if (record is not null)
        {
            await store.UpsertAsync(IncidentRecord.WithHeads(record, input.FirstSequence, heads));
        }
        return new JournalResult(heads, anchored);
    }
}

/// <summary>
/// Input of <see cref="JournalIncidentActivity"/>: the entries, numbered from <paramref name="FirstSequence"/> on by the
/// orchestration (so a retry writes the same rows); the anchor request if the step is one the chain is anchored after; and
/// the record, if asked for, as it stands once the entries are in (its head is filled in by the activity, the first to know it).
/// </summary>
public sealed record JournalRequest(string IncidentId, long FirstSequence, IReadOnlyList<EvidenceEntry> Entries, AnchorRequest? Anchor, IncidentSummary? Record)
{
    /// <summary>
    /// The record as a change from the one last written, instead of <see cref="Record"/> (revision 4 on): applied to the
    /// stored record when that is the version the change follows; otherwise nothing is written and the result says so.
    /// </summary>
    public RecordChange? Change { get; init; }

    /// <summary>The messages the step sends before its entries are written (revision 2 on; none before).</summary>
    public IReadOnlyList<JournalMessage> Messages { get; init; } = [];
}

/// <summary>One message a journal sends: an e-mail (<see cref="SendEmailActivity"/>) or an update (<see cref="PostIncidentUpdateActivity"/>).</summary>
public sealed record JournalMessage(NotificationRequest? Email, IncidentUpdateRequest? Update);

/// <summary>What <see cref="JournalIncidentActivity"/> wrote: each entry's hash in order, and the anchor when one was asked for.</summary>
public sealed record JournalResult(IReadOnlyList<string> Heads, AnchorResult? Anchor)
{
    /// <summary>Set when the request's <see cref="JournalRequest.Change"/> did not follow the stored record, which was left as it was.</summary>
    public bool RecordStale { get; init; }
}
