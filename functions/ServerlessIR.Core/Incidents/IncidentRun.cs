using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Core.Incidents;

/// <summary>The working state of one orchestration run: evidence sequence, summary, clock.</summary>
internal sealed partial class IncidentRun(TaskOrchestrationContext context, IncidentInput input)
{
    /// <summary>Retry for the bookkeeping activities (evidence, status, notifications).</summary>
    public static readonly TaskOptions ActivityRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    private readonly List<TimelineEntry> timeline = [];
    private readonly List<NotificationSummary> notifications = [];
    private readonly List<ApprovalSummary> approvals = [];
    private List<ObligationSummary> obligations = [];
    private long sequence;
    private string? head;
    private int notificationCount;
    private string sender = "ir-bot@example.com";

    public TaskOrchestrationContext Context { get; } = context;
    public IncidentInput Input { get; } = input;
    public IncidentClock Clock { get; } = new(input.OpenedAt, input.Runtime.TimeScale);
    public List<Signal> Signals { get; } = [input.FirstSignal];

    /// <summary>Containment steps that took effect, in order, for a false positive to undo.</summary>
    public List<PerformedStep> Performed { get; } = [];

    /// <summary>The current plan; replaced when amended facts or joined signals change the assessment.</summary>
    public IncidentPlan Plan { get; private set; } = null!;

    /// <summary>Set when the incident ended early (a false positive): the clock watch stops.</summary>
    public bool Closed { get; private set; }

    public IncidentSummary Summary { get; set; } = new()
    {
        Id = input.IncidentId,
        Status = IncidentStatus.Open,
        OpenedAt = input.OpenedAt,
        AiSystem = input.FirstSignal.AiSystemId,
        Signals = 1,
        LinkedIncidentId = input.LinkedIncidentId,
        TimeScale = input.Runtime.TimeScale,
    };

    /// <summary>The mailbox notifications are sent from.</summary>
    public string Sender => sender;

    /// <summary>Drafted notices by notice ID: the obligation each one discharges (kept here so a submission finds it deterministically).</summary>
    public Dictionary<string, (string Regime, string Recipient, string Template)> Notices { get; } = new(StringComparer.Ordinal);

    private Task<IncidentEvent>? pendingEvent;

    /// <summary>The wait for the next <see cref="IncidentEvent"/>; the same task until it completes and is taken.</summary>
    public Task<IncidentEvent> NextEvent() =>
        pendingEvent ??= Context.WaitForExternalEvent<IncidentEvent>(IncidentEvent.Name);

    /// <summary>Takes the completed event, so the next <see cref="NextEvent"/> waits for a new one.</summary>
    public IncidentEvent TakeEvent()
    {
        var completed = pendingEvent ?? throw new InvalidOperationException("No event wait is pending.");
        pendingEvent = null;
        return completed.Result;
    }

    /// <summary>Incident time now.</summary>
    public DateTimeOffset Now => Clock.ToIncident(Context.CurrentUtcDateTime);

    public void Apply(IncidentPlan plan)
    {
        Plan = plan;
        checkpoints.Clear();
        checkpoints.AddRange(plan.Checkpoints);
        obligations = plan.Assessment.Obligations.Select(o => new ObligationSummary(
            o.Regime, o.Recipient, o.Deadline, o.DeadlineKind, InitialStatus(o.Deadline),
            plan.Checkpoints.Where(c => c.Regime == o.Regime && c.Recipient == o.Recipient)
                .Select(c => new CheckpointSummary(c.Name, c.DueAt, null, c.LadderAction)).ToList(),
            o.Source)).ToList();
        sender = plan.Route.Sender;
        var s = plan.Assessment.Severity;
        Summary = Summary with
        {
            AiSystem = plan.AiSystemId,
            AiSystemName = plan.AiSystemName,
            Severity = new SeveritySummary(s.Level, s.EnisaScore, s.EnisaLevel),
            DataCategories = plan.DataCategories,
            Obligations = [.. obligations],
        };
    }

    public async Task Evidence(string kind, string actor, string summary, JsonObject? payload = null)
    {
        sequence++;
        var at = Now;
        head = await Context.CallActivityAsync<string>(nameof(AppendEvidenceActivity),
            new EvidenceAppend(Input.IncidentId, sequence, new EvidenceEntry(kind, actor, summary, at, payload)), ActivityRetry);
        timeline.Add(new TimelineEntry(at, kind, summary));
        Summary = Summary with { EvidenceRecords = sequence, EvidenceHead = head, Timeline = [.. timeline], TimelineCount = timeline.Count };
    }

    /// <summary>Writes the chain's head to the anchor store, so a deleted tail is detectable.</summary>
    public Task Anchor(string reason) =>
        Context.CallActivityAsync<AnchorResult>(nameof(AnchorEvidenceActivity),
            new AnchorRequest(Input.IncidentId, reason, obligations.Select(o => o.Regime).Distinct().ToList()), ActivityRetry);

    /// <summary>The timeline entries the incident record carries; the evidence ledger holds them all.</summary>
    public const int RecordedTimelineEntries = 50;

    public Task Publish()
    {
        Context.SetCustomStatus(new { status = Summary.Status.ToString(), severity = Summary.Severity?.Level, step = timeline.LastOrDefault()?.Kind });
        // Only the latest entries: the activity input is kept in the durable history at every publish, so a whole timeline
        // there grows the history quadratically with the signals of an alert storm, and every replay reads it.
        var record = Summary.Timeline.Count > RecordedTimelineEntries
            ? Summary with { Timeline = [.. Summary.Timeline.TakeLast(RecordedTimelineEntries)] }
            : Summary;
        return Context.CallActivityAsync<bool>(nameof(RecordIncidentActivity), record, ActivityRetry);
    }

    public async Task Notify(string template, IReadOnlyList<string> to, string subject, IReadOnlyDictionary<string, string> fields)
    {
        notificationCount++;
        var key = $"{Input.IncidentId}/notify/{notificationCount}/{template}";
        await Context.CallActivityAsync<bool>(nameof(SendEmailActivity),
            new NotificationRequest(Input.IncidentId, key, template, sender, to, subject, fields), ActivityRetry);
        var sentAt = Now;
        notifications.Add(new NotificationSummary("email", template, string.Join(", ", to), sentAt));
        Summary = Summary with { Notifications = [.. notifications] };
        await Evidence("notification.sent", "system", $"E-mail '{template}' to {to.Count} recipient(s): {subject}",
            new JsonObject { ["channel"] = "email", ["template"] = template, ["recipients"] = to.Count, ["idempotencyKey"] = key });
    }

    /// <summary>Adds a message an activity sent to the summary (the report's <c>notifications</c>).</summary>
    public void RecordNotification(NotificationSummary notification)
    {
        notifications.Add(notification);
        Summary = Summary with { Notifications = [.. notifications] };
    }

    /// <summary>Adds an approval request's outcome to the summary (the report's <c>approvals</c>).</summary>
    public void RecordApproval(ApprovalSummary approval)
    {
        approvals.Add(approval);
        Summary = Summary with { Approvals = [.. approvals] };
    }

    /// <summary>Marks an obligation submitted: its later checkpoints still fire, but it is never turned Late.</summary>
    public void MarkSubmitted(string regime, string recipient, DateTimeOffset submittedAt, string? reference)
    {
        UpdateObligation(regime, recipient, o => o with
        {
            Status = "Submitted",
            SubmittedAt = submittedAt,
            Reference = reference,
            StatusReason = "Marked submitted by the DPO" + (reference is null ? "" : $" (reference {reference})"),
        });
    }

    public async Task Handle(IncidentEvent incidentEvent)
    {
        switch (incidentEvent.Kind)
        {
            case IncidentEvent.Kinds.Signal when incidentEvent.Json is not null:
                var signal = JsonSerializer.Deserialize<Signal>(incidentEvent.Json, JsonSerializerOptions.Web)!;
                var widens = Widens(signal);
                Signals.Add(signal);
                Summary = Summary with { Signals = Signals.Count };
                await Evidence("signal.joined", "source:" + signal.Source, signal.Summary, Payload(signal));
                // A joined signal that widens the breach (more people, another country, another category, malice) is
                // re-assessed; one that repeats what is known is not, so an alert storm stays cheap per signal.
                if (widens)
                {
                    await Reassess(reason: null);
                }
                await Publish();
                break;
            case IncidentEvent.Kinds.NoticeSubmitted when incidentEvent.Json is not null:
                await NoticeDesk.SubmittedAsync(this,
                    JsonSerializer.Deserialize<ServerlessIR.Core.Approvals.ApprovalDecision>(incidentEvent.Json, JsonSerializerOptions.Web)!);
                break;
            case IncidentEvent.Kinds.Facts when incidentEvent.Json is not null:
                await AmendFacts(JsonSerializer.Deserialize<FactsAmendment>(incidentEvent.Json, JsonSerializerOptions.Web)!);
                break;
            case IncidentEvent.Kinds.FalsePositive when incidentEvent.Json is not null:
                await CloseAsFalsePositive(JsonSerializer.Deserialize<FalsePositiveRequest>(incidentEvent.Json, JsonSerializerOptions.Web)!);
                break;
            default:
                await Evidence("event.ignored", "system", $"Event '{incidentEvent.Kind}' is not handled in this state");
                break;
        }
    }

    /// <summary>Whether <paramref name="signal"/> tells more than the incident's signals so far (the facts the assessment reads).</summary>
    private bool Widens(Signal signal) =>
        signal.DataCategories.Except(Signals.SelectMany(s => s.DataCategories), StringComparer.Ordinal).Any()
        || signal.Jurisdictions.Except(Signals.SelectMany(s => s.Jurisdictions), StringComparer.Ordinal).Any()
        || (signal.SubjectCount ?? 0) > Signals.Max(s => s.SubjectCount ?? 0)
        || (signal.Malicious && !Signals.Any(s => s.Malicious))
        || (signal.AiSystemId is not null && Plan?.AiSystemId is null);

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
    };
}
