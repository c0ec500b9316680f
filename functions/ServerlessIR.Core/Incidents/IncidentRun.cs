using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// The durable side of one orchestration run: evidence, the incident record, e-mail, re-assessment and the wait for
/// incident events. What the incident knows lives in <see cref="State"/>; the phases decide, this does.
/// </summary>
internal sealed class IncidentRun(TaskOrchestrationContext context, IncidentInput input)
{
    /// <summary>Retry for the bookkeeping activities (evidence, status, notifications).</summary>
    public static readonly TaskOptions ActivityRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    /// <summary>The timeline entries the incident record carries; the evidence ledger holds them all.</summary>
    public const int RecordedTimelineEntries = 50;

    private readonly List<FactsAmendment> amendments = [];
    private long sequence;
    private int notificationCount;
    private Task<IncidentEvent>? pendingEvent;

    public TaskOrchestrationContext Context { get; } = context;
    public IncidentInput Input { get; } = input;
    public IncidentClock Clock { get; } = new(input.OpenedAt, input.Runtime.TimeScale);
    public IncidentState State { get; } = new(input);
    public List<Signal> Signals { get; } = [input.FirstSignal];

    public IncidentSummary Summary => State.Summary;

    /// <summary>The current plan; replaced when amended facts or joined signals change the assessment.</summary>
    public IncidentPlan Plan { get; private set; } = null!;

    /// <summary>Set when the incident ended early (a false positive): the clock watch stops.</summary>
    public bool Closed { get; private set; }

    /// <summary>The mailbox notifications are sent from.</summary>
    public string Sender { get; private set; } = "ir-bot@example.com";

    /// <summary>Incident time now.</summary>
    public DateTimeOffset Now => Clock.ToIncident(Context.CurrentUtcDateTime);

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

    public async Task Evidence(string kind, string actor, string summary, JsonObject? payload = null)
    {
        sequence++;
        var at = Now;
        var head = await Context.CallActivityAsync<string>(nameof(AppendEvidenceActivity),
            new EvidenceAppend(Input.IncidentId, sequence, new EvidenceEntry(kind, actor, summary, at, payload)), ActivityRetry);
        State.Recorded(new TimelineEntry(at, kind, summary), sequence, head);
    }

    /// <summary>Writes the chain's head to the anchor store, so a deleted tail is detectable.</summary>
    public Task Anchor(string reason) =>
        Context.CallActivityAsync<AnchorResult>(nameof(AnchorEvidenceActivity),
            new AnchorRequest(Input.IncidentId, reason, [.. State.Obligations.Regimes]), ActivityRetry);

    public Task Publish()
    {
        var summary = Summary;
        Context.SetCustomStatus(new { status = summary.Status.ToString(), severity = summary.Severity?.Level, step = State.Step });
        // Only the latest entries: the activity input is kept in the durable history at every publish, so a whole timeline
        // there grows the history quadratically with the signals of an alert storm, and every replay reads it.
        var record = summary.Timeline.Count > RecordedTimelineEntries
            ? summary with { Timeline = [.. summary.Timeline.TakeLast(RecordedTimelineEntries)] }
            : summary;
        return Context.CallActivityAsync<bool>(nameof(RecordIncidentActivity), record, ActivityRetry);
    }

    public async Task Notify(string template, IReadOnlyList<string> to, string subject, IReadOnlyDictionary<string, string> fields)
    {
        notificationCount++;
        var key = $"{Input.IncidentId}/notify/{notificationCount}/{template}";
        await Context.CallActivityAsync<bool>(nameof(SendEmailActivity),
            new NotificationRequest(Input.IncidentId, key, template, Sender, to, subject, fields), ActivityRetry);
        State.RecordNotification(new NotificationSummary("email", template, string.Join(", ", to), Now));
        await Evidence(EvidenceKinds.NotificationSent, "system", $"E-mail '{template}' to {to.Count} recipient(s): {subject}",
            new JsonObject { ["channel"] = "email", ["template"] = template, ["recipients"] = to.Count, ["idempotencyKey"] = key });
    }

    /// <summary>Adds a joined signal; whether it tells more than the signals so far (the facts the assessment reads).</summary>
    public bool Join(Signal signal)
    {
        var widens = Widens(signal);
        Signals.Add(signal);
        State.SignalsJoined(Signals.Count);
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
        var plan = await Context.CallActivityAsync<IncidentPlan>(nameof(PlanIncidentActivity),
            new PlanIncidentInput(Input.IncidentId, Input.OpenedAt, Signals, amendments), ActivityRetry);
        var changes = State.Revise(plan);
        Plan = plan with { Containment = Plan.Containment };
        if (changes.Count == 0 && reason is null)
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
    }

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
