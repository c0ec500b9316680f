using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Correlation;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Ticketing;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// The durable side of one orchestration run: evidence, the incident record, e-mail, re-assessment and re-planning, and
/// the one intake of incident events every phase waits through (<see cref="Inbox"/>). What the incident knows lives in
/// <see cref="State"/>; the phases decide, this does.
/// </summary>
internal sealed class IncidentRun(TaskOrchestrationContext context, IncidentInput input)
{
    /// <summary>Retry for the bookkeeping activities (evidence, status, notifications).</summary>
    public static readonly TaskOptions ActivityRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    /// <summary>The timeline entries the incident record carries; the evidence ledger holds them all.</summary>
    public const int RecordedTimelineEntries = IncidentRecord.TimelineEntries;

    private readonly List<FactsAmendment> amendments = [];
    private long sequence;
    private int notificationCount;
    private IncidentInbox? inbox;
    private NoticeDesk? notices;
    private TaskDesk? tasks;
    private StatusDesk? status;
    private TicketDesk? ticket;
    private readonly HashSet<BookkeepingStep> raised = [];
    private bool raising;

    // The evidence appends and the record writes each go out one after another, in the order they were asked for, while
    // the two lanes (and any other activity) overlap: a caller may start a record without awaiting it, and the ledger's
    // sequence and the record's last write still follow the orchestrator's order, on every replay alike.
    private Task appendLane = Task.CompletedTask;
    private Task publishLane = Task.CompletedTask;

    // From revision 1: evidence a step in a journal asked for (InJournal), held back until the journal that ends it.
    private readonly List<Held> held = [];
    private int holding;

    // From revision 2: the e-mails and status posts such a step asked for, sent by that journal before it writes the
    // step's evidence; the evidence of each is written only once it went out (Held.SentBy).
    private readonly List<HeldMessage> messages = [];

    // From revision 4: the version of the incident record last asked for, and the record as the store holds it after the
    // last write that went through (serialized once), which a journal's change follows (RecordChange).
    private long recordVersion;
    private RecordShape? written;

    /// <summary>Whether a step's evidence or messages are held back for the journal that ends it.</summary>
    private bool HasHeld => held.Count > 0 || messages.Count > 0;

    /// <summary>
    /// Whether what a step asks for now is held for the journal that ends it: from revision 2, inside a held step, its messages
    /// and its own journals (without an anchor) too, not only its evidence.
    /// </summary>
    private bool HoldsWholeStep => Input.SendsWithJournal && holding > 0;

    public TaskOrchestrationContext Context { get; } = context;
    public IncidentInput Input { get; } = input;
    public IncidentState State { get; } = new(input);
    public List<Signal> Signals { get; } = [input.FirstSignal];

    public IncidentSummary Summary => State.Summary;

    /// <summary>The current plan; replaced when amended facts or joined signals change the assessment.</summary>
    public IncidentPlan Plan { get; private set; } = null!;

    /// <summary>Set when the incident ended early (a false positive): the clock watch stops.</summary>
    public bool Closed { get; private set; }

    /// <summary>The mailbox notifications are sent from.</summary>
    public string Sender { get; private set; } = "ir-bot@example.com";

    /// <summary>Incident time: real speed while the run works, the scale only while it waits (<see cref="IncidentTime"/>).</summary>
    public IncidentTime Time
    {
        get => State.Time;
        set => State.Time = value;
    }

    /// <summary>Incident time now.</summary>
    public DateTimeOffset Now => Time.Now(Context.CurrentUtcDateTime);

    /// <summary>Real time now, for the timeline beside incident time; null at scale 1, where the two are the same.</summary>
    private DateTimeOffset? RealNow => Time.Scale == 1 ? null : new DateTimeOffset(DateTime.SpecifyKind(Context.CurrentUtcDateTime, DateTimeKind.Utc));

    /// <summary>Where incident events come in: every phase's waits go through it.</summary>
    public IncidentInbox Inbox => inbox ??= new IncidentInbox(this);

    /// <summary>The notices drafted for the obligations, and their submissions.</summary>
    public NoticeDesk Notices => notices ??= new NoticeDesk(this);

    /// <summary>The follow-up tasks and their reminder timers.</summary>
    public TaskDesk Tasks => tasks ??= new TaskDesk(this);

    /// <summary>Status posts on the playbook's cadence, the executive brief and the follow-up card after a decision.</summary>
    public StatusDesk Status => status ??= new StatusDesk(this);

    /// <summary>The incident's ticket, when the playbook names a ticketing system.</summary>
    public TicketDesk Ticket => ticket ??= new TicketDesk(this);

    /// <summary>This generation of the orchestration: 1, then one more at each continue-as-new.</summary>
    public int Generation { get; } = input.Resume?.Generation ?? 1;

    /// <summary>The history this generation has written, estimated from the activities, timers and events it asked for.</summary>
    public HistoryBudget History { get; } = new(input.Runtime.HistoryEventsPerGeneration);

    /// <summary>
    /// Set by the long-lived phases (the clock watch, the closure wait) while they run: only there may the orchestration
    /// continue as new, never in the middle of a containment step or an approval tier's wait.
    /// </summary>
    public bool InLongLivedPhase { get; set; }

    /// <summary>Whether the phase the incident is in should continue as new at its next safe point.</summary>
    public bool ContinueAsNewDue => InLongLivedPhase && History.Spent;

    /// <summary>
    /// Takes up where the previous generation stopped (<see cref="IncidentResume"/>): the state, the plan in force and every
    /// count an idempotency key or the evidence chain is made from. Nothing is re-run; the caller goes back to the phase.
    /// </summary>
    public void Resume(IncidentResume resume)
    {
        ArgumentNullException.ThrowIfNull(resume);
        State.Restore(resume);
        Plan = resume.Plan;
        Sender = resume.Plan.Route.Sender;
        Signals.Clear();
        Signals.AddRange(resume.Signals);
        amendments.AddRange(resume.Amendments);
        sequence = resume.EvidenceSequence;
        notificationCount = resume.Notifications;
        raised.UnionWith(resume.RaisedFailures);
        Inbox.Restore(resume.JoinBatches, resume.JoinsLeft);
        Status.Restore(resume.StatusCadence, resume.ExecutiveBriefs, resume.FollowUps);
        Notices.Restore(resume.DraftedNotices);
        Ticket.Restore(resume.Summary.Ticket, resume.TicketFollowed, resume.TicketNoted, resume.TicketClosedThere);
        recordVersion = resume.RecordVersion;
    }

    /// <summary>Waits until every evidence append, record write and ticket sync asked for has ended.</summary>
    public async Task IdleAsync()
    {
        if (HasHeld)
        {
            await Flush(TakeHeld(), anchor: null, publish: false);
        }
        await appendLane;
        await publishLane;
        await Ticket.Idle;
    }

    /// <summary>
    /// Ends this generation and starts the next with everything it needs to go straight back to <paramref name="phase"/>.
    /// The caller has handled every event already delivered and let every lane end (<see cref="IdleAsync"/>): nothing is
    /// awaited between its check and this call, so no event can reach this generation after it. Events raised later (or in
    /// the same turn, after this call) are carried to the next generation by the engine (preserveUnprocessedEvents).
    /// </summary>
    public void ContinueAsNew(IncidentResumePhase phase)
    {
        var resume = new IncidentResume
        {
            Generation = Generation + 1,
            Phase = phase,
            Summary = Summary,
            Plan = Plan,
            Signals = [.. Signals],
            Amendments = [.. amendments],
            Obligations = State.Obligations.Snapshot(),
            Containment = State.Containment.Snapshot(),
            EvidenceSequence = sequence,
            Notifications = notificationCount,
            JoinBatches = Inbox.JoinBatches,
            JoinsLeft = Inbox.JoinsLeft,
            StatusCadence = Status.Cadence,
            ExecutiveBriefs = Status.Briefs,
            FollowUps = Status.FollowUps,
            RaisedFailures = [.. raised.Order()],
            DraftedNotices = Notices.Drafted,
            TicketFollowed = Ticket.Followed,
            TicketNoted = Ticket.Noted,
            TicketClosedThere = Ticket.ClosedThere,
            PreviousGenerationEvents = History.Estimate,
            RecordVersion = recordVersion,
        };
        Context.ContinueAsNew(Input with { Resume = resume }, preserveUnprocessedEvents: true);
    }

    public void Apply(IncidentPlan plan)
    {
        Plan = plan;
        Sender = plan.Route.Sender;
        State.Open(plan);
    }

    /// <summary>Ends the run early (a false positive): the clock watch stops.</summary>
    public void Close(IncidentStatus status)
    {
        State.SetStatus(status);
        Closed = true;
    }

    /// <summary>
    /// Appends an evidence record (bounded so it always fits the ledger) after every record asked for before it, so a caller
    /// may start it and await it later while other activities run. When the append still fails after its retries, a
    /// small <c>bookkeeping.failed</c> record takes its place in the chain, the failure goes into the incident record and
    /// to the incident's people, and the incident goes on: evidence that cannot be written must not stop the clocks. From
    /// revision 1, inside <see cref="InJournal"/> or <see cref="HoldEvidence"/> the entry is held and the task ends at once:
    /// the journal that ends the step writes it, in the order asked.
    /// </summary>
    public Task Evidence(string kind, string actor, string summary, JsonObject? payload = null) => Record(Ask(kind, actor, summary, payload));

    /// <summary>
    /// <see cref="Evidence(string, string, string, JsonObject?)"/> for a message that was sent, or is held to be sent by the
    /// journal that ends the step (<paramref name="sentBy"/>, from <see cref="Post"/>): then the entry is written only once it went out.
    /// </summary>
    public Task Evidence(HeldMessage? sentBy, string kind, string actor, string summary, JsonObject? payload) =>
        Record(Ask(kind, actor, summary, payload) with { SentBy = sentBy });

    /// <summary>
    /// What ends most steps: an evidence record, an anchor of the chain when <paramref name="anchor"/> says why, then the
    /// incident record. From revision 1 (<see cref="IncidentInput.JournalsSteps"/>) one activity, with any evidence held
    /// back before it (<see cref="InJournal"/>); when it fails after its retries, the parts again one at a time, each with
    /// its own failure handling (what the journal wrote is found as it is).
    /// </summary>
    public async Task Journal(string kind, string actor, string summary, JsonObject? payload = null, string? anchor = null)
    {
        var entry = Ask(kind, actor, summary, payload);
        if (!Input.JournalsSteps)
        {
            await Record(entry);
            await AnchorThenPublish(anchor);
            return;
        }
        if (anchor is null && HoldsWholeStep)
        {
            // The held step ends with a journal that writes the record anyway.
            held.Add(entry);
            return;
        }
        await Flush([.. TakeHeld(), entry], anchor, publish: true);
    }

    /// <summary>
    /// An evidence entry that goes out with the next bookkeeping asked for (an append, a journal, a record write), from
    /// revision 2; the caller asks for one soon (a record write after a batch of drafts, say), and a wait writes anything
    /// still held first (<see cref="SettleAsync"/>). Before revision 2 an append of its own, as <see cref="Evidence(string, string, string, JsonObject?)"/>.
    /// </summary>
    public Task EvidenceWithNext(string kind, string actor, string summary, JsonObject? payload = null)
    {
        if (!Input.SendsWithJournal)
        {
            return Evidence(kind, actor, summary, payload);
        }
        held.Add(Ask(kind, actor, summary, payload));
        return Task.CompletedTask;
    }

    /// <summary>Writes whatever is still held, with the record, before the orchestration waits; nothing when nothing is.</summary>
    public Task SettleAsync() => Input.SendsWithJournal && HasHeld ? Flush(TakeHeld(), anchor: null, publish: true) : Task.CompletedTask;

    /// <summary>An entry asked for now (bounded so it always fits the ledger), whose failure to append is reported.</summary>
    private Held Ask(string kind, string actor, string summary, JsonObject? payload) =>
        new(EvidenceLimits.Bound(new EvidenceEntry(kind, actor, summary, Now, payload)), RealNow, Report: true);

    /// <summary>
    /// An anchor of the chain when <paramref name="anchor"/> says why, then the incident record: from revision 1 one journal
    /// activity with any evidence held back before it.
    /// </summary>
    private Task AnchorAndPublish(string? anchor) =>
        Input.JournalsSteps && (anchor is not null || HasHeld) ? Flush(TakeHeld(), anchor, publish: true) : AnchorThenPublish(anchor);

    /// <summary>
    /// Runs <paramref name="step"/>, then anchors the chain (when <paramref name="anchor"/> says why) and writes the record.
    /// From revision 1 the evidence the step asks for is held back meanwhile and goes out with the anchor and the record in
    /// one journal activity; any other bookkeeping the step asks for (a record write, an append outside it) takes what is
    /// held first, so the ledger keeps the order things were asked for. Before revision 1, each as the step asks.
    /// </summary>
    public async Task InJournal(Func<Task> step, string? anchor)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (!Input.JournalsSteps)
        {
            await step();
            await AnchorThenPublish(anchor);
            return;
        }
        await HoldingAsync(step);
        await AnchorAndPublish(anchor);
    }

    /// <summary>
    /// Runs <paramref name="step"/>; from revision 1 the evidence it asks for is held back meanwhile and, if there is any,
    /// goes out with the incident record in one journal activity (as <see cref="InJournal"/>, but with no anchor and no
    /// record write when the step recorded nothing). Before revision 1, each append as the step asks.
    /// </summary>
    public async Task HoldEvidence(Func<Task> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (!Input.JournalsSteps)
        {
            await step();
            return;
        }
        await HoldingAsync(step);
        if (HasHeld)
        {
            await Flush(TakeHeld(), anchor: null, publish: true);
        }
    }

    /// <summary>
    /// Handling an event (an amendment, a batch of joined signals), a failed containment step or a tier's approval request: from revision 5
    /// (<see cref="IncidentInput.JournalsEvents"/>) as <see cref="HoldEvidence"/>, so its evidence, e-mails and record go out in
    /// one journal after any activity it needs first (the re-assessment); before, each append, send and record write as
    /// <paramref name="step"/> asks, one after another.
    /// </summary>
    public Task InEventJournal(Func<Task> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Input.JournalsEvents ? HoldEvidence(step) : step();
    }

    /// <summary>
    /// Runs <paramref name="step"/> with the evidence and messages it asks for held, and leaves them held for the next
    /// bookkeeping asked for (a journal, an append, a record write), as <see cref="EvidenceWithNext"/> leaves an entry; a wait
    /// writes anything still held first (<see cref="SettleAsync"/>). Revision 5 only: a containment step that failed while
    /// a later call of its wave is still to be taken goes out with the journal of the wave's last result.
    /// </summary>
    public Task HoldForNext(Func<Task> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Input.JournalsEvents ? HoldingAsync(step) : step();
    }

    /// <summary>Runs <paramref name="step"/> with the evidence it asks for held back (<see cref="Record"/>).</summary>
    private async Task HoldingAsync(Func<Task> step)
    {
        holding++;
        try
        {
            await step();
        }
        finally
        {
            holding--;
        }
    }

    /// <summary>The anchor (when <paramref name="anchor"/> says why), then the record: two activities, as before revision 1.</summary>
    private async Task AnchorThenPublish(string? anchor)
    {
        if (anchor is not null)
        {
            await Anchor(anchor);
        }
        await Publish();
    }

    /// <summary>
    /// Appends one entry: held back while a step is in a journal; from revision 1 together with what is held, when something
    /// is; else on its own, after every append asked for before it.
    /// </summary>
    private async Task Record(Held entry)
    {
        if (Input.JournalsSteps)
        {
            if (holding > 0)
            {
                held.Add(entry);
                return;
            }
            if (HasHeld)
            {
                await Flush([.. TakeHeld(), entry], anchor: null, publish: false);
                return;
            }
        }
        var failure = await TryAppend(entry.Entry, entry.RealAt);
        if (entry.Report)
        {
            await Appended(entry.Entry, failure);
        }
    }

    /// <summary>
    /// After an append: nothing more when it worked; else a small failure record in its place (not reported in turn if it
    /// fails too), the failure in the incident record, and the people told.
    /// </summary>
    private async Task Appended(EvidenceEntry entry, TaskFailureDetails? details)
    {
        if (details is null)
        {
            raised.Remove(BookkeepingStep.Evidence);
            return;
        }
        var failure = BookkeepingFailure.From(BookkeepingStep.Evidence, $"evidence record '{entry.Kind}'", details, Now);
        await Record(new Held(new EvidenceEntry(EvidenceKinds.BookkeepingFailed, "system", Describe(failure), Now, failure.ToPayload()), RealNow, Report: false));
        State.RecordBookkeepingFailure(failure);
        await Raise(failure);
    }

    private List<Held> TakeHeld()
    {
        var taken = held.ToList();
        held.Clear();
        return taken;
    }

    /// <summary>
    /// Writes <paramref name="entries"/>, then the anchor and the record when asked, in one journal activity; when it fails
    /// after its retries, each part on its own with its own failure handling.
    /// </summary>
    private async Task Flush(IReadOnlyList<Held> entries, string? anchor, bool publish)
    {
        var sending = messages.ToList();
        messages.Clear();
        var (journaled, failures, unsent, recordFailure) = await TryJournal(entries, sending, anchor, publish);
        if (journaled)
        {
            raised.Remove(BookkeepingStep.Evidence);
            if (anchor is not null)
            {
                raised.Remove(BookkeepingStep.Anchor);
            }
            if (recordFailure is not null)
            {
                await Failed(BookkeepingFailure.From(BookkeepingStep.IncidentRecord, "incident record", recordFailure, Now));
            }
            else if (publish)
            {
                raised.Remove(BookkeepingStep.IncidentRecord);
            }
            if (publish)
            {
                var summary = Summary;
                ShowStatus(summary);
                await Ticket.Follow(summary);
            }
            return;
        }
        foreach (var (message, details) in unsent)
        {
            // Not sent after its retries: the step's record of it goes, and the failure is recorded as a send's is.
            State.ForgetNotifications(message.Recorded);
            await Failed(BookkeepingFailure.From(BookkeepingStep.Notification, message.What, details, Now));
        }
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Report && !Unsent(entries[i]))
            {
                await Appended(entries[i].Entry, failures[i]);
            }
        }

        bool Unsent(Held entry) => entry.SentBy is { } message && unsent.Any(u => ReferenceEquals(u.Message, message));
        if (anchor is not null)
        {
            await Anchor(anchor);
        }
        if (publish)
        {
            await Publish();
        }
    }

    /// <summary>
    /// Runs a journal (<see cref="JournalIncidentActivity"/>) after every append and record write asked for before it; the
    /// ones asked for meanwhile follow it. When it fails after its retries, its entries are appended (or fail) one by one
    /// here already, so no later append can take their numbers, and each one's failure is returned.
    /// </summary>
    private Task<JournalOutcome> TryJournal(IReadOnlyList<Held> entries, IReadOnlyList<HeldMessage> sending, string? anchor, bool publish)
    {
        var journal = JournalAfter(appendLane, publishLane, entries, sending, anchor, publish);
        appendLane = journal;
        publishLane = journal;
        return journal;
    }

    /// <summary>
    /// What a journal did: all of it, or (after its retries failed) each entry's append failure and the messages not sent;
    /// and why the whole record could not be written when the journal's change of it did not follow the stored one.
    /// </summary>
    private sealed record JournalOutcome(bool Journaled, IReadOnlyList<TaskFailureDetails?> Failures,
        IReadOnlyList<(HeldMessage Message, TaskFailureDetails Details)> Unsent, TaskFailureDetails? RecordFailure = null);

    private async Task<JournalOutcome> JournalAfter(Task previousAppend, Task previousPublish,
        IReadOnlyList<Held> entries, IReadOnlyList<HeldMessage> sending, string? anchor, bool publish)
    {
        await previousAppend;
        await previousPublish;
        var first = sequence + 1;
        var timeline = entries.Select(e => new TimelineEntry(e.Entry.IncidentTime, e.Entry.Kind, e.Entry.Summary, e.RealAt)).ToList();
        string? json = null;
        var record = publish ? IncidentRecord.Fit(Versioned(State.SummaryWith(timeline, sequence + entries.Count)), out json) : null;
        var shape = record is not null && Input.SendsRecordChanges ? RecordShape.Of(record, json) : null;
        var change = shape is not null && written is { } stored ? RecordChange.Between(stored, shape) : null;
        var anchorRequest = anchor is null ? null : AnchorRequestFor(anchor);
        History.Activity();
        try
        {
            var result = await Context.CallActivityAsync<JournalResult>(nameof(JournalIncidentActivity),
                new JournalRequest(Input.IncidentId, first, [.. entries.Select(e => e.Entry)], anchorRequest, change is null ? record : null)
                {
                    Messages = [.. sending.Select(m => m.Message)],
                    Change = change,
                }, ActivityRetry);
            for (var i = 0; i < timeline.Count; i++)
            {
                sequence++;
                State.Recorded(timeline[i], sequence, result.Heads[i]);
            }
            if (record is null)
            {
                return new JournalOutcome(true, [], []);
            }
            var headed = IncidentRecord.WithHeads(record, first, result.Heads);
            if (result.RecordStale)
            {
                // The stored record is not the one the change followed (a write that failed, or one that went through
                // unseen): the whole record, once, and the changes follow it again.
                written = null;
                History.Activity();
                try
                {
                    await Context.CallActivityAsync<bool>(nameof(RecordIncidentActivity), headed, ActivityRetry);
                }
                catch (TaskFailedException ex)
                {
                    return new JournalOutcome(true, [], [], ex.FailureDetails);
                }
            }
            if (shape is not null)
            {
                // As the store holds it: the store fits what it is given, and only a record near the limit can be cut
                // again for the head it now names.
                written = json is not null && json.Length + IncidentRecord.HeadRoom <= IncidentRecord.MaxChars
                    ? shape.WithHeads(first, result.Heads)
                    : RecordShape.Of(IncidentRecord.Fit(headed, out string? fitted), fitted);
            }
            return new JournalOutcome(true, [], []);
        }
        catch (TaskFailedException)
        {
            // Each message on its own, then each entry whose message went out (or that has none).
            var unsent = new List<(HeldMessage Message, TaskFailureDetails Details)>();
            foreach (var message in sending)
            {
                if (await SendNow(message) is { } details)
                {
                    unsent.Add((message, details));
                }
            }
            var failures = new List<TaskFailureDetails?>();
            foreach (var entry in entries)
            {
                var dropped = entry.SentBy is { } m && unsent.Exists(u => ReferenceEquals(u.Message, m));
                failures.Add(dropped ? null : await AppendNow(entry.Entry, entry.RealAt));
            }
            return new JournalOutcome(false, failures, unsent);
        }
    }

    /// <summary>Sends one held message with its own activity (and retries); null when it went out, else why not.</summary>
    private async Task<TaskFailureDetails?> SendNow(HeldMessage message)
    {
        History.Activity();
        try
        {
            if (message.Message.Email is { } email)
            {
                await Context.CallActivityAsync<bool>(nameof(SendEmailActivity), email, ActivityRetry);
            }
            else
            {
                await Context.CallActivityAsync<IncidentUpdateResult>(nameof(PostIncidentUpdateActivity), message.Message.Update!, ActivityRetry);
            }
            return null;
        }
        catch (TaskFailedException ex)
        {
            return ex.FailureDetails;
        }
    }

    private void ShowStatus(IncidentSummary summary) =>
        Context.SetCustomStatus(new { status = summary.Status.ToString(), severity = summary.Severity?.Level, step = State.Step });

    /// <summary>
    /// An evidence entry asked for, when (real time, for the timeline), whether a failure to append it is reported, and the
    /// held message it records, if any: written only once that went out.
    /// </summary>
    private sealed record Held(EvidenceEntry Entry, DateTimeOffset? RealAt, bool Report, HeldMessage? SentBy = null);

    /// <summary>
    /// A message a held step asked for (revision 2): sent by the journal that ends the step; <see cref="Recorded"/> is what
    /// the incident record shows of it meanwhile, taken back if it cannot be sent.
    /// </summary>
    internal sealed class HeldMessage(JournalMessage message, string what, IReadOnlyList<NotificationSummary> recorded)
    {
        public JournalMessage Message { get; } = message;

        public string What { get; } = what;

        public IReadOnlyList<NotificationSummary> Recorded { get; } = recorded;
    }

    /// <summary>Holds <paramref name="message"/> for the journal that ends the step, and records it in the incident meanwhile.</summary>
    private HeldMessage HoldMessage(JournalMessage message, string what, IReadOnlyList<NotificationSummary> recorded)
    {
        var heldMessage = new HeldMessage(message, what, recorded);
        messages.Add(heldMessage);
        foreach (var notification in recorded)
        {
            State.RecordNotification(notification);
        }
        return heldMessage;
    }

    /// <summary>
    /// Sends an update (a status post, an executive brief, a follow-up card) and records what went out. From revision 2,
    /// inside a held step and when <paramref name="mayHold"/> (its evidence needs nothing only the send knows), it is held
    /// for the journal that ends the step and its expected result returned at once, with the held message for its evidence
    /// (<see cref="Evidence(HeldMessage?, string, string, string, JsonObject?)"/>). An update sent at once goes out after the
    /// messages held before it, so they leave in the order asked. Null when the send failed after its retries.
    /// </summary>
    public async Task<(IncidentUpdateResult Result, HeldMessage? Held)?> Post(IncidentUpdateRequest request, string what, bool mayHold)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (mayHold && HoldsWholeStep)
        {
            var sends = PostIncidentUpdateActivity.Sends(request);
            var message = HoldMessage(new JournalMessage(null, request), what, [.. sends.Select(s => new NotificationSummary(s.Channel, s.Template, s.To, Now))]);
            return (new IncidentUpdateResult(sends, request.Brief?.Fines ?? []), message);
        }
        if (messages.Count > 0)
        {
            await Flush(TakeHeld(), anchor: null, publish: false);
        }
        var result = await Bookkeep(BookkeepingStep.Notification, what, () =>
            Context.CallActivityAsync<IncidentUpdateResult>(nameof(PostIncidentUpdateActivity), request, ActivityRetry));
        if (result is null)
        {
            return null;
        }
        foreach (var sent in result.Sent)
        {
            State.RecordNotification(new NotificationSummary(sent.Channel, sent.Template, sent.To, Now));
        }
        return (result, null);
    }

    /// <summary>Writes the chain's head to the anchor store, so a deleted tail is detectable.</summary>
    public Task Anchor(string reason) => Input.JournalsSteps && HasHeld
        ? Flush(TakeHeld(), reason, publish: false)
        : Bookkeep(BookkeepingStep.Anchor, $"evidence anchor ({reason})", () =>
            Context.CallActivityAsync<AnchorResult>(nameof(AnchorEvidenceActivity), AnchorRequestFor(reason), ActivityRetry));

    private AnchorRequest AnchorRequestFor(string reason) => new(Input.IncidentId, reason, [.. State.Obligations.Regimes]);

    /// <summary>
    /// Writes the incident record as it stands now, cut to fit the store (<see cref="IncidentRecord.Fit(IncidentSummary, int)"/>). The write
    /// follows any earlier one still under way, so a caller may go on without awaiting it.
    /// </summary>
    public Task Publish()
    {
        if (Input.JournalsSteps && HasHeld)
        {
            return Flush(TakeHeld(), anchor: null, publish: true);
        }
        var summary = Summary;
        ShowStatus(summary);
        // The record is cut here, not only in the store: the activity input is kept in the durable history at every
        // publish, so a whole timeline there grows the history quadratically with the signals of an alert storm.
        var record = IncidentRecord.Fit(Versioned(summary), out string? json);
        var previous = publishLane;
        var write = Bookkeep(BookkeepingStep.IncidentRecord, "incident record", async () =>
        {
            await previous;
            await Context.CallActivityAsync<bool>(nameof(RecordIncidentActivity), record, ActivityRetry);
            if (Input.SendsRecordChanges)
            {
                written = RecordShape.Of(record, json);
            }
        });
        publishLane = write;
        // The ticket follows the record, and only when what it shows changed: no extra round trip otherwise.
        var followed = Ticket.Follow(summary);
        return followed.IsCompleted ? write : Task.WhenAll(write, followed);
    }

    /// <summary>
    /// <paramref name="record"/> numbered as the next version written (revision 4 on), so a journal's change of it applies
    /// only to the version it follows; unnumbered before.
    /// </summary>
    private IncidentSummary Versioned(IncidentSummary record) =>
        Input.SendsRecordChanges ? record with { RecordVersion = ++recordVersion } : record;

    /// <summary>Writes the incident record once <paramref name="recorded"/> is in, so the record shows it; nothing waits meanwhile.</summary>
    public async Task PublishAfter(Task recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        await recorded;
        await Publish();
    }

    /// <summary>
    /// E-mails <paramref name="to"/> from the incident's sender under a key that makes a retried send recognisable, and records
    /// it as evidence. From revision 2, inside a held step, the e-mail is held for the journal that ends the step, which sends it
    /// before it writes the step's evidence. A send that fails after its retries is recorded as a bookkeeping failure.
    /// </summary>
    public async Task Notify(string template, IReadOnlyList<string> to, string subject, IReadOnlyDictionary<string, string> fields)
    {
        notificationCount++;
        var key = $"{Input.IncidentId}/notify/{notificationCount}/{template}";
        var request = new NotificationRequest(Input.IncidentId, key, template, Sender, to, BoundedText.Truncate(subject, EvidenceLimits.MaxSummaryChars),
            fields.ToDictionary(f => f.Key, f => BoundedText.Truncate(f.Value, EvidenceLimits.MaxStringChars), StringComparer.Ordinal));
        var (summary, payload) = ($"E-mail '{template}' to {to.Count} recipient(s): {request.Subject}",
            new JsonObject { ["channel"] = "email", ["template"] = template, ["recipients"] = to.Count, ["idempotencyKey"] = key });
        if (HoldsWholeStep)
        {
            var message = HoldMessage(new JournalMessage(request, null), $"e-mail '{template}'", [new NotificationSummary("email", template, string.Join(", ", to), Now)]);
            await Evidence(message, EvidenceKinds.NotificationSent, "system", summary, payload);
            return;
        }
        if (!await Bookkeep(BookkeepingStep.Notification, $"e-mail '{template}'", () =>
                Context.CallActivityAsync<bool>(nameof(SendEmailActivity), request, ActivityRetry)))
        {
            return;
        }
        State.RecordNotification(new NotificationSummary("email", template, string.Join(", ", to), Now));
        await Evidence(EvidenceKinds.NotificationSent, "system", summary, payload);
    }

    /// <summary>
    /// Runs one bookkeeping activity (its retries are in its options). When it still fails, the failure is recorded as
    /// evidence and in the incident record, the incident's people are told once, and the incident goes on.
    /// </summary>
    /// <returns>Whether the step succeeded.</returns>
    public async Task<bool> Bookkeep(BookkeepingStep step, string what, Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        History.Activity();
        try
        {
            await call();
            raised.Remove(step);
            return true;
        }
        catch (TaskFailedException ex)
        {
            await Failed(BookkeepingFailure.From(step, what, ex.FailureDetails, Now));
            return false;
        }
    }

    /// <summary><see cref="Bookkeep(BookkeepingStep, string, Func{Task})"/> for an activity with a result: null when it failed.</summary>
    public async Task<T?> Bookkeep<T>(BookkeepingStep step, string what, Func<Task<T>> call) where T : class
    {
        ArgumentNullException.ThrowIfNull(call);
        T? result = null;
        // A block body, so the lambda is a Func<Task> and this calls the overload above, not itself.
        Func<Task> run = async () => { result = await call(); };
        await Bookkeep(step, what, run);
        return result;
    }

    /// <summary>Appends one bounded entry at the next sequence number, after every append asked for before it.</summary>
    /// <returns>Null when it was appended, else why not.</returns>
    private Task<TaskFailureDetails?> TryAppend(EvidenceEntry entry, DateTimeOffset? realAt)
    {
        var appended = AppendAfter(appendLane, entry, realAt);
        appendLane = appended;
        return appended;
    }

    private async Task<TaskFailureDetails?> AppendAfter(Task previous, EvidenceEntry entry, DateTimeOffset? realAt)
    {
        // The number is taken only when the previous append has ended: a conflict there keeps its number, a failure frees it.
        await previous;
        return await AppendNow(entry, realAt);
    }

    /// <summary>Appends one entry at the next sequence number; the caller holds the append lane. Null when it was appended, else why not.</summary>
    private async Task<TaskFailureDetails?> AppendNow(EvidenceEntry entry, DateTimeOffset? realAt)
    {
        sequence++;
        History.Activity();
        try
        {
            var head = await Context.CallActivityAsync<string>(nameof(AppendEvidenceActivity), new EvidenceAppend(Input.IncidentId, sequence, entry), ActivityRetry);
            State.Recorded(new TimelineEntry(entry.IncidentTime, entry.Kind, entry.Summary, realAt), sequence, head);
            return null;
        }
        catch (TaskFailedException ex)
        {
            // A conflict means a record already sits at this number (an attempt wrote it, then failed to answer): the number
            // is taken, and the ledger links the next one to it. Any other failure wrote nothing, so the number is reused.
            if (!ContainmentPhase.CausedBy<EvidenceConflictException>(ex.FailureDetails))
            {
                sequence--;
            }
            return ex.FailureDetails;
        }
    }

    private async Task Failed(BookkeepingFailure failure)
    {
        State.RecordBookkeepingFailure(failure);
        await Evidence(EvidenceKinds.BookkeepingFailed, "system", Describe(failure), failure.ToPayload());
        await Raise(failure);
    }

    /// <summary>
    /// Tells the incident's people once per failing step (again only after the step worked in between). Never for a
    /// failed e-mail, and never from inside a raise: a failure of the message that reports a failure must not recurse.
    /// </summary>
    private async Task Raise(BookkeepingFailure failure)
    {
        if (raising || failure.Step == BookkeepingStep.Notification || Plan is null || !raised.Add(failure.Step))
        {
            return;
        }
        raising = true;
        try
        {
            await Notify("bookkeeping-failed", [.. Plan.Route.Owners.Concat(Plan.Route.Dpo).Distinct(StringComparer.OrdinalIgnoreCase)],
                $"Action needed: {failure.What} failed for {Input.IncidentId}; the incident goes on",
                new Dictionary<string, string>
                {
                    ["Step"] = WireNames.Of(failure.Step),
                    ["What"] = failure.What,
                    ["Error"] = $"{failure.ErrorType}: {failure.Message}",
                    ["What happens now"] = "The incident keeps its clocks and goes on; the failure is in its record and its evidence. Look at the storage or the mail connection.",
                });
        }
        finally
        {
            raising = false;
        }
    }

    private static string Describe(BookkeepingFailure failure) =>
        $"{failure.What} failed after its retries ({failure.ErrorType}): {failure.Message}";

    /// <summary>Adds a joined signal; whether it tells more than the signals so far (the facts the assessment reads).</summary>
    public bool Join(Signal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var widens = Widens(signal);
        // Only the bounded summary is kept: every signal goes into each re-assessment's activity input.
        Signals.Add(signal with { Summary = BoundedText.Truncate(signal.Summary, EvidenceLimits.MaxSummaryChars) });
        State.SignalJoined(signal.Id);
        return widens;
    }

    /// <summary>
    /// Counts a signal that joined quietly; whether it tells more than the signals so far after all (ingestion judged it
    /// against the scope it knew). Only such a one is kept for re-assessment: the others add nothing to it, and keeping
    /// them would grow every re-assessment's input with the storm.
    /// </summary>
    public bool JoinQuietly(JoinedSignal joined)
    {
        ArgumentNullException.ThrowIfNull(joined);
        var signal = joined.ToSignal();
        var widens = Widens(signal);
        if (widens)
        {
            Signals.Add(signal);
        }
        State.SignalJoined(joined.Id);
        return widens;
    }

    /// <summary>Keeps amended facts for every later re-assessment.</summary>
    public void Amend(FactsAmendment amendment) => amendments.Add(amendment);

    /// <summary>
    /// Re-runs the assessment with every signal and amendment so far. Checkpoints that fired stay as they were; the rest
    /// follow the new assessment, and one whose new time has already passed fires at once on the next turn of the watch.
    /// </summary>
    public async Task Reassess(string? reason)
    {
        var plan = await Bookkeep(BookkeepingStep.Reassessment, "re-assessment" + (reason is null ? "" : $" ({reason})"), () =>
            Context.CallActivityAsync<IncidentPlan>(nameof(PlanIncidentActivity),
                new PlanIncidentInput(Input.IncidentId, Input.OpenedAt, Signals, amendments), ActivityRetry));
        if (plan is null)
        {
            // The plan in force stays: its clocks go on, and the people were told the re-assessment failed.
            return;
        }
        var previousSeverity = State.SeverityLevel;
        var changes = State.Revise(plan);
        var added = State.Containment.Plan(plan.Containment);
        Plan = plan with { Containment = State.Containment.Planned };
        if (changes.Count == 0 && reason is null && added.Count == 0)
        {
            return;
        }
        await Evidence(EvidenceKinds.AssessmentRevised, "system",
            changes.Count == 0 ? "Re-assessed: nothing changed" : "Re-assessed: " + string.Join("; ", changes),
            new JsonObject
            {
                ["reason"] = reason,
                ["changes"] = new JsonArray([.. changes.Select(c => (JsonNode?)c)]),
                ["assessment"] = JsonSerializer.SerializeToNode(plan.Assessment, JsonSerializerOptions.Web),
                ["severity"] = plan.Assessment.Severity.Level,
            });
        if (added.Count > 0)
        {
            await Replanned(added, previousSeverity, reason);
        }
    }

    /// <summary>
    /// The new severity's containment adds steps: recorded and told to the owners and the DPO. The phase that owns the
    /// steps runs them next (between containment steps, or as soon as the clock watch wakes), through the approval gate
    /// where the playbook says so; steps already begun are not repeated.
    /// </summary>
    private async Task Replanned(IReadOnlyList<PlannedStep> added, string? previousSeverity, string? reason)
    {
        var severity = Plan.Assessment.Severity.Level;
        var steps = string.Join(", ", added.Select(a => a.Approval == "required" ? a.Action + " (after approval)" : a.Action));
        var why = reason ?? "a joined signal widened the breach";
        await Evidence(EvidenceKinds.ContainmentReplanned, "system",
            $"Severity {previousSeverity ?? "unknown"} -> {severity}: containment adds {steps}",
            new JsonObject
            {
                ["severity"] = severity,
                ["previousSeverity"] = previousSeverity,
                ["reason"] = why,
                ["added"] = new JsonArray([.. added.Select(a => (JsonNode?)new JsonObject { ["action"] = a.Action, ["approval"] = a.Approval })]),
                ["alreadyRun"] = new JsonArray([.. State.Containment.Results.Select(r => (JsonNode?)r.Action)]),
            });
        await Notify("containment-replanned", [.. Plan.Route.Owners.Concat(Plan.Route.Dpo).Distinct(StringComparer.OrdinalIgnoreCase)],
            $"[{severity}] Containment widened for {Input.IncidentId}: {added.Count} step(s) added",
            new Dictionary<string, string>
            {
                ["Severity"] = $"{previousSeverity ?? "unknown"} -> {severity}",
                ["Why"] = why,
                ["Steps added"] = steps,
                ["What happens now"] = "The added steps run next, in playbook order; steps already done are not repeated.",
            });
    }

    // The same rule ingestion applies to the scope it records, plus the plan's own view of the AI system.
    private bool Widens(Signal signal) =>
        IncidentScope.Of(Signals).Widens(signal) || (signal.AiSystemId is not null && Plan?.AiSystemId is null);

    public static string? NearestDeadline(IncidentPlan plan) =>
        plan.Assessment.Obligations.Where(o => o.Deadline is not null).OrderBy(o => o.Deadline)
            .Select(o => $"{o.Regime} at {o.Deadline:yyyy-MM-dd HH:mm} UTC").FirstOrDefault();

    public static JsonObject Payload(Signal signal) => new()
    {
        ["signalId"] = signal.Id,
        ["source"] = signal.Source,
        ["kind"] = signal.Kind,
        ["occurredAt"] = signal.OccurredAt,
        ["org"] = signal.OrgId,
        ["aiSystem"] = signal.AiSystemId,
        ["principal"] = signal.PrincipalPseudonym,
        ["principalKind"] = signal.PrincipalKind,
        ["connectedApp"] = signal.ConnectedApp,
        ["dataCategories"] = new JsonArray([.. signal.DataCategories.Select(c => (JsonNode?)c)]),
        ["subjects"] = signal.SubjectCount,
        ["payloadRef"] = signal.PayloadRef,
        ["trust"] = WireNames.Of(signal.Trust),
        ["trustReason"] = signal.TrustReason,
    };
}
