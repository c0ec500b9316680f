using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ticketing;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// Everything an incident knows about itself: status, assessment, the obligation book, the containment ledger, the
/// approvals and messages, and the timeline. Plain state with no Durable Task dependency; <see cref="Summary"/> is the
/// snapshot reports, the API and the incident record show.
/// </summary>
public sealed class IncidentState
{
    /// <summary>The longest summary a timeline entry keeps; the evidence record holds up to <see cref="EvidenceLimits.MaxSummaryChars"/>.</summary>
    public const int MaxTimelineSummaryChars = 500;

    /// <summary>Bookkeeping failures the state keeps (the latest); the count covers all.</summary>
    public const int KeptBookkeepingFailures = 10;

    /// <summary>The longest free text from a person (an approval's reason) kept in the state.</summary>
    public const int MaxReasonChars = 1_000;

    private readonly List<TimelineEntry> timeline = [];
    private readonly List<NotificationSummary> notifications = [];
    private readonly List<ApprovalSummary> approvals = [];
    private readonly List<BookkeepingFailure> bookkeepingFailures = [];
    private readonly List<string> signalIds = [];
    private readonly List<IncidentTask> tasks = [];
    private readonly HashSet<string> signalIdSet = new(StringComparer.Ordinal);
    private int bookkeepingFailureCount;
    private IncidentSummary header;

    public IncidentState(IncidentInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        header = new IncidentSummary
        {
            Id = input.IncidentId,
            Status = IncidentStatus.Open,
            OpenedAt = input.OpenedAt,
            AiSystem = input.FirstSignal.AiSystemId,
            Signals = 1,
            LinkedIncidentId = input.LinkedIncidentId,
            TimeScale = input.Runtime.TimeScale,
            Time = new IncidentTime(input.Runtime.TimeScale),
        };
        signalIds.Add(input.FirstSignal.Id);
        signalIdSet.Add(input.FirstSignal.Id);
        Obligations = new ObligationBook(input.Runtime.HorizonHours is { } h ? input.OpenedAt.AddHours(h) : null);
    }

    public ObligationBook Obligations { get; }

    /// <summary>
    /// Takes up where a previous generation of the orchestration left the incident (it continued as new): the summary it
    /// carried is the state as it stood, whole; the book and the ledger take what they keep beside it.
    /// </summary>
    public void Restore(IncidentResume resume)
    {
        ArgumentNullException.ThrowIfNull(resume);
        var summary = resume.Summary;
        header = summary with
        {
            Containment = [],
            Approvals = [],
            Obligations = [],
            Notifications = [],
            Tasks = [],
            Timeline = [],
            SignalIds = [],
            BookkeepingFailures = [],
        };
        Obligations.Restore(summary.Obligations, resume.Obligations);
        Containment.Restore(summary.Containment, resume.Containment);
        Replace(approvals, summary.Approvals);
        Replace(notifications, summary.Notifications);
        Replace(tasks, summary.Tasks);
        Replace(timeline, summary.Timeline);
        Replace(signalIds, summary.SignalIds);
        Replace(bookkeepingFailures, summary.BookkeepingFailures);
        signalIdSet.Clear();
        signalIdSet.UnionWith(signalIds);
        bookkeepingFailureCount = summary.BookkeepingFailureCount;
    }

    private static void Replace<T>(List<T> list, IEnumerable<T> items)
    {
        list.Clear();
        list.AddRange(items);
    }

    /// <summary>Incident time: changed only around the orchestration's waits (<see cref="IncidentTime"/>).</summary>
    public IncidentTime Time
    {
        get => header.Time;
        set => header = header with { Time = value ?? throw new ArgumentNullException(nameof(value)) };
    }

    public ContainmentLedger Containment { get; } = new();

    public IncidentStatus Status => header.Status;

    public string? SeverityLevel => header.Severity?.Level;

    /// <summary>The kind of the latest timeline entry: the step the incident is at.</summary>
    public string? Step => timeline.Count == 0 ? null : timeline[^1].Kind;

    /// <summary>A snapshot: later changes to the state do not show in it.</summary>
    public IncidentSummary Summary => header with
    {
        Containment = [.. Containment.Results],
        Approvals = [.. approvals],
        Obligations = [.. Obligations.Obligations],
        Notifications = [.. notifications],
        Tasks = [.. tasks],
        Timeline = [.. timeline],
        TimelineCount = timeline.Count,
        SignalIds = [.. signalIds],
        BookkeepingFailures = [.. bookkeepingFailures],
        BookkeepingFailureCount = bookkeepingFailureCount,
    };

    /// <summary>
    /// <see cref="Summary"/> as it will be once <paramref name="entries"/> are recorded, the last as evidence record
    /// <paramref name="records"/> (the head still the previous one): the record a journal writes together with the entries.
    /// The state does not change.
    /// </summary>
    public IncidentSummary SummaryWith(IReadOnlyList<TimelineEntry> entries, long records)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var summary = Summary;
        return summary with
        {
            Timeline = [.. summary.Timeline, .. entries.Select(Bounded)],
            TimelineCount = summary.TimelineCount + entries.Count,
            EvidenceRecords = records,
        };
    }

    /// <summary>Takes the first plan: the AI system, severity, data categories and obligations.</summary>
    public void Open(IncidentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Obligations.Open(plan);
        Containment.Plan(plan.Containment);
        var s = plan.Assessment.Severity;
        header = header with
        {
            AiSystem = plan.AiSystemId,
            AiSystemName = plan.AiSystemName,
            Org = plan.OrgId,
            Severity = new SeveritySummary(s.Level, s.EnisaScore, s.EnisaLevel),
            DataCategories = plan.DataCategories,
        };
    }

    /// <summary>Follows a re-assessment; the AI system stays the one the incident opened with.</summary>
    /// <returns>What changed, one line each (the severity first), for the evidence.</returns>
    public IReadOnlyList<string> Revise(IncidentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var changes = new List<string>();
        var s = plan.Assessment.Severity;
        if (header.Severity is { } before && before.Level != s.Level)
        {
            changes.Add($"severity {before.Level} -> {s.Level}");
        }
        changes.AddRange(Obligations.Revise(plan));
        header = header with
        {
            Severity = new SeveritySummary(s.Level, s.EnisaScore, s.EnisaLevel),
            DataCategories = plan.DataCategories,
        };
        return changes;
    }

    /// <summary>An evidence record was appended: it joins the timeline (its summary bounded), and the chain's head moves.</summary>
    public void Recorded(TimelineEntry entry, long records, string head)
    {
        ArgumentNullException.ThrowIfNull(entry);
        timeline.Add(Bounded(entry));
        header = header with { EvidenceRecords = records, EvidenceHead = head };
    }

    private static TimelineEntry Bounded(TimelineEntry entry) => entry with { Summary = BoundedText.Truncate(entry.Summary, MaxTimelineSummaryChars) };

    /// <summary>A joined signal was taken: counted, and its ID kept so ingestion can tell a taken signal from a lost one.</summary>
    public void SignalJoined(string signalId)
    {
        ArgumentNullException.ThrowIfNull(signalId);
        if (!signalIdSet.Add(signalId))
        {
            return;
        }
        signalIds.Add(signalId);
        header = header with { Signals = signalIds.Count };
    }

    /// <summary>Whether the signal has been taken (it opened the incident or joined it).</summary>
    public bool HasSignal(string signalId) => signalIdSet.Contains(signalId);

    public void RecordNotification(NotificationSummary notification) => notifications.Add(notification);

    /// <summary>Takes back notifications recorded ahead of their send, when the send failed after its retries.</summary>
    public void ForgetNotifications(IEnumerable<NotificationSummary> unsent)
    {
        ArgumentNullException.ThrowIfNull(unsent);
        foreach (var notification in unsent)
        {
            notifications.Remove(notification);
        }
    }

    public void RecordApproval(ApprovalSummary approval)
    {
        ArgumentNullException.ThrowIfNull(approval);
        approvals.Add(approval with
        {
            By = BoundedText.TruncateOptional(approval.By, EvidenceLimits.MaxActorChars),
            Reason = BoundedText.TruncateOptional(approval.Reason, MaxReasonChars),
        });
    }

    /// <summary>A bookkeeping step failed after its retries: counted, and the latest kept for the record.</summary>
    public void RecordBookkeepingFailure(BookkeepingFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        bookkeepingFailureCount++;
        bookkeepingFailures.Add(failure);
        if (bookkeepingFailures.Count > KeptBookkeepingFailures)
        {
            bookkeepingFailures.RemoveAt(0);
        }
    }

    /// <summary>The incident's trust as the step gate sees it (the lowest of its signals').</summary>
    public void TrustIs(SourceTrust trust) => header = header with { Trust = trust };

    public void SetStatus(IncidentStatus status) => header = header with { Status = status };

    /// <summary>The tasks as they stand.</summary>
    public IReadOnlyList<IncidentTask> Tasks => tasks;

    /// <summary>Adds a task; false when its ID is known already (a redelivered event) or the incident has its maximum.</summary>
    public bool AddTask(IncidentTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (tasks.Count >= IncidentTaskReader.MaxTasks || tasks.Any(t => t.Id == task.Id))
        {
            return false;
        }
        tasks.Add(task);
        return true;
    }

    /// <summary>Replaces the task with the same ID.</summary>
    public void UpdateTask(IncidentTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var at = tasks.FindIndex(t => t.Id == task.Id);
        if (at >= 0)
        {
            tasks[at] = task;
        }
    }

    /// <summary>The ticket the incident keeps in the ticketing system, once it is open.</summary>
    public void Ticketed(TicketRef ticket) => header = header with { Ticket = ticket };

    /// <summary>The review the incident closes with.</summary>
    public void Reviewed(IncidentReview review) => header = header with { Review = review, Status = IncidentStatus.Closed };

    /// <summary>
    /// Every step is done: contained at incident time <paramref name="at"/>, <paramref name="realSeconds"/> after the first
    /// signal. Once contained, the first time stays: steps a later rise in severity adds do not move it.
    /// </summary>
    public void Contained(DateTimeOffset at, double realSeconds) =>
        header = header with
        {
            Status = IncidentStatus.Contained,
            ContainedAt = header.ContainedAt ?? at,
            TimeToContainRealSeconds = header.TimeToContainRealSeconds ?? realSeconds,
        };
}
