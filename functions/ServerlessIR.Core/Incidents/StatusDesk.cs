using System.Globalization;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// What the incident tells people about itself beyond the clocks (docs/lifecycle.md#status-updates): an
/// <c>internal-status</c> post to the Teams channel and the owners on the playbook's cadence, the <c>executive-brief</c>
/// at each <c>escalate-executive</c> checkpoint, and a follow-up card in the channel after each decision. Each is evidence.
/// It runs no timer of its own: the cadence is an alarm the inbox's one waiter rings (<see cref="IIncidentAlarm"/>), as the
/// task desk's reminders are.
/// </summary>
/// <remarks>
/// Deterministic: post times are incident time on a grid from the incident's opening (<see cref="StatusCadence"/>), and
/// every idempotency key is the incident ID and a count the orchestration keeps, so replay asks for the same sends and the
/// send ledger keeps a retried activity from posting twice. A post due while the incident works goes out at its next wait.
/// </remarks>
internal sealed class StatusDesk(IncidentRun run) : IIncidentAlarm
{
    private const int ListedItems = 6;
    private StatusCadence cadence = new(run.Input.OpenedAt);
    private int briefs;
    private int followUps;
    private string? awaiting;

    /// <summary>Status posts made so far.</summary>
    public int Posts => cadence.Posts;

    /// <summary>The cadence as it stands: the posts made and the grid the next one falls on.</summary>
    public StatusCadence Cadence => cadence;

    /// <summary>Executive briefs sent so far.</summary>
    public int Briefs => briefs;

    /// <summary>Follow-up cards posted so far.</summary>
    public int FollowUps => followUps;

    /// <summary>Takes up the previous generation's counts, so its keys (<c>status/3</c>) are never used twice.</summary>
    public void Restore(StatusCadence posted, int briefsSent, int followUpsPosted)
    {
        cadence = posted ?? throw new ArgumentNullException(nameof(posted));
        briefs = briefsSent;
        followUps = followUpsPosted;
    }

    /// <summary>From now on the inbox's waits ring the status cadence.</summary>
    public void Start() => run.Inbox.Watch(this);

    /// <summary>No more status posts: the incident ended or its orchestration is ending.</summary>
    public void Stop() => run.Inbox.Unwatch(this);

    /// <summary>What the incident waits on while an approval tier is asked (null when none is): status posts name it.</summary>
    public void Awaiting(string? what) => awaiting = what;

    /// <inheritdoc />
    public DateTimeOffset? NextAlarm => run.Plan is null ? null : cadence.Next(run.Plan.StatusEveryMinutes, IsOpen);

    private bool IsOpen => !run.Closed && run.State.Status is not (IncidentStatus.Closed or IncidentStatus.FalsePositive or IncidentStatus.Failed);

    /// <inheritdoc />
    public async Task RingAsync()
    {
        if (run.Plan?.StatusEveryMinutes is not { } every || !cadence.IsDue(run.Now, every, IsOpen))
        {
            return;
        }
        cadence = cadence.Posted(run.Now, every);
        var sequence = cadence.Posts;
        var nearest = run.State.Obligations.NearestPending();
        var update = new NoticeStatusUpdate
        {
            Sequence = sequence,
            IncidentTime = run.Now,
            RealTime = RealNow,
            EveryMinutes = every,
            Contained = [.. run.State.Containment.Results.Where(r => r.Done).Select(r => r.Action)],
            NotContained = NotContained(),
            WaitingOn = WaitingOn(),
            NearestDeadline = nearest is null ? "none pending" : Deadline(nearest),
            TimeLeft = nearest is null ? "" : DeadlineText.TimeLeft(nearest.Deadline, run.Now),
            Signals = run.Summary.Signals,
        };
        var severity = run.State.SeverityLevel ?? "unknown";
        var request = Request($"{run.Input.IncidentId}/status/{sequence}",
            $"[{severity}] Status {sequence}: {Title} ({run.State.Status})", Owners) with
        {
            MailTemplate = NoticeTemplates.InternalStatus,
            CardTemplate = NoticeTemplates.InternalStatusCard,
            Status = update,
        };
        // Its evidence needs nothing only the send knows: from revision 2 the post goes out with the journal that ends the wake.
        if (await run.Post(request, $"status post {sequence}", mayHold: true) is not var (result, sentBy))
        {
            return;
        }
        await run.Evidence(sentBy, EvidenceKinds.StatusPosted, "system",
            $"Status {sequence} posted ({severity}, {run.State.Status}; every {every} incident min): nearest deadline {update.NearestDeadline}",
            new JsonObject
            {
                ["sequence"] = sequence,
                ["severity"] = severity,
                ["status"] = WireNames.Of(run.State.Status),
                ["everyMinutes"] = every,
                ["nearestDeadline"] = update.NearestDeadline,
                ["signals"] = update.Signals,
                ["waitingOn"] = new JsonArray([.. update.WaitingOn.Select(w => (JsonNode?)w)]),
                ["channels"] = Channels(result),
                ["idempotencyKey"] = request.IdempotencyKey,
            });
    }

    /// <summary>The executive brief at an <c>escalate-executive</c> checkpoint: fine exposure per regime and the AI feature's fallback.</summary>
    public async Task BriefAsync(PlannedCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (run.Plan is null)
        {
            return;
        }
        briefs++;
        var nearest = run.State.Obligations.NearestPending();
        var brief = new NoticeExecutiveBrief
        {
            Checkpoint = $"{checkpoint.Regime} {checkpoint.Name}",
            IncidentTime = run.Now,
            Regimes = [.. run.State.Obligations.Obligations.Where(o => o.Status != ObligationStatus.NotRequired).Select(o => o.Regime).Distinct()],
            FallbackState = FallbackState.Describe(run.State.Containment.Results,
                run.State.Containment.Planned.Any(p => p.Action == FallbackState.Action)),
            NearestDeadline = nearest is null ? "none pending" : $"{Deadline(nearest)} ({DeadlineText.TimeLeft(nearest.Deadline, run.Now)})",
        };
        // From revision 2 the exposures come from the plan's fine families, as the activity would look them up, so the brief
        // goes out with the journal that ends its checkpoint; before, it was sent at once and its evidence took them from the send.
        var held = run.Input.SendsWithJournal;
        if (held)
        {
            brief = brief with { Fines = FineExposureCatalog.For(brief.Regimes, run.Plan.FineFamilies) };
        }
        var executives = run.Plan.Route.Executives;
        var request = Request($"{run.Input.IncidentId}/executive-brief/{briefs}",
            $"Executive brief [{run.State.SeverityLevel ?? "unknown"}]: {Title} ({run.Input.IncidentId})", executives) with
        {
            MailTemplate = NoticeTemplates.ExecutiveBrief,
            Brief = brief,
        };
        if (await run.Post(request, $"executive brief ({brief.Checkpoint})", mayHold: held) is not var (result, sentBy))
        {
            return;
        }
        await run.Evidence(sentBy, EvidenceKinds.ExecutiveBriefSent, "system",
            $"Executive brief at {brief.Checkpoint} to {executives.Count} recipient(s): "
                + string.Join("; ", result.Fines.Select(f => $"{f.Family} up to {f.Maximum}")),
            new JsonObject
            {
                ["regime"] = checkpoint.Regime,
                ["checkpoint"] = checkpoint.Name,
                ["fines"] = new JsonArray([.. result.Fines.Select(f => (JsonNode?)new JsonObject
                {
                    ["family"] = f.Family,
                    ["regimes"] = new JsonArray([.. f.Regimes.Select(r => (JsonNode?)r)]),
                    ["maximum"] = f.Maximum,
                    ["source"] = f.Source,
                })]),
                ["fallbackState"] = brief.FallbackState,
                ["recipients"] = executives.Count,
                ["idempotencyKey"] = request.IdempotencyKey,
            });
    }

    /// <summary>The card after a decision: who decided what and when, in the channel that carried the request.</summary>
    /// <param name="mayHold">
    /// Inside a held step (from revision 5, the decision's journal) the card goes out with the journal that ends it, before
    /// its evidence is written (<see cref="IncidentRun.Post"/>); otherwise it is posted at once.
    /// </param>
    public async Task FollowUpAsync(NoticeDecision decision, bool mayHold = false)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (run.Plan is null)
        {
            return;
        }
        followUps++;
        decision = decision with { IncidentTime = run.Now };
        var request = Request($"{run.Input.IncidentId}/approval-follow-up/{followUps}",
            $"{decision.Outcome}: {decision.Subject} ({run.Input.IncidentId})", []) with
        {
            CardTemplate = NoticeTemplates.ApprovalFollowUpCard,
            Decision = decision,
        };
        if (await run.Post(request, $"approval follow-up ({decision.Subject})", mayHold) is not var (result, sentBy))
        {
            return;
        }
        await run.Evidence(sentBy, EvidenceKinds.ApprovalFollowUpPosted, "system",
            $"Follow-up card: {decision.Subject} {decision.Outcome.ToLowerInvariant()} by {decision.DecidedBy}"
                + (decision.Tier.Length == 0 ? "" : $" ({decision.Tier})"),
            new JsonObject
            {
                ["subject"] = decision.Subject,
                ["decision"] = decision.Outcome,
                ["by"] = decision.DecidedBy,
                ["tier"] = decision.Tier,
                ["requestedBy"] = decision.RequestedBy.Length == 0 ? null : decision.RequestedBy,
                ["incidentTime"] = decision.IncidentTime,
                ["realTime"] = decision.RealTime,
                ["channels"] = Channels(result),
                ["idempotencyKey"] = request.IdempotencyKey,
            });
    }

    private IncidentUpdateRequest Request(string key, string subject, IReadOnlyList<string> to) => new()
    {
        IncidentId = run.Input.IncidentId,
        IdempotencyKey = key,
        Sender = run.Sender,
        Subject = BoundedText.Truncate(subject, EvidenceLimits.MaxSummaryChars),
        To = to,
        IncidentNow = run.Now,
        Incident = Incident(),
    };

    private NoticeIncident Incident() => new()
    {
        Id = run.Input.IncidentId,
        Severity = run.State.SeverityLevel ?? "unknown",
        Title = Title,
        Nature = $"A data leak through {run.Plan.AiSystemName ?? "an AI feature"} in the Salesforce estate ({run.Summary.Signals} signal(s)).",
        AwareAt = run.Input.OpenedAt,
        Status = run.State.Status.ToString(),
        DataCategories = run.Plan.DataCategories,
        ApproxSubjects = run.Signals.Max(s => s.SubjectCount ?? 0),
        MeasuresTaken = run.State.Containment.MeasuresTaken,
        MeasuresProposed = [.. run.State.Containment.Planned.Where(p => run.State.Containment.Results.All(r => r.Action != p.Action)).Select(p => p.Action)],
        OpenObligations = [.. run.State.Obligations.Obligations
            .Where(o => o.Status is not (ObligationStatus.Submitted or ObligationStatus.NotRequired))
            .Select(o => $"{o.Regime} to {o.Recipient}: {o.Status}" + (o.Deadline is { } d ? $", due {Stamp(d)}" : ""))],
    };

    private string Title => $"AI data leak: {run.Plan.AiSystemName ?? "unknown AI system"}";

    private IReadOnlyList<string> Owners => [.. run.Plan.Route.Owners.Concat(run.Plan.Route.Dpo).Distinct(StringComparer.OrdinalIgnoreCase)];

    private IReadOnlyList<string> NotContained()
    {
        var containment = run.State.Containment;
        return [.. containment.Results.Where(r => !r.Done).Select(r => $"{r.Action}: {r.Status}")
            .Concat(containment.Planned.Where(p => containment.Results.All(r => r.Action != p.Action)).Select(p => $"{p.Action}: not run yet"))
            .Take(ListedItems)];
    }

    private IReadOnlyList<string> WaitingOn()
    {
        var waiting = new List<string>();
        if (awaiting is not null)
        {
            waiting.Add(awaiting);
        }
        waiting.AddRange(run.State.Obligations.Obligations
            .Where(o => o.Status is ObligationStatus.Pending or ObligationStatus.Late)
            .OrderBy(o => o.Deadline ?? DateTimeOffset.MaxValue)
            .Select(o => $"the DPO: {o.Regime} to {o.Recipient} to submit ({o.Status})"));
        waiting.AddRange(run.State.Tasks.Where(t => t.Status == IncidentTaskStatus.Open).OrderBy(t => t.Due)
            .Select(t => $"{t.Owner}: task {t.Title} (due {Stamp(t.Due)})"));
        return [.. waiting.Take(ListedItems)];
    }

    private static string Deadline(ObligationSummary obligation) =>
        $"{obligation.Regime} to {obligation.Recipient} at {(obligation.Deadline is { } d ? Stamp(d) : "no fixed time")}";

    private static string Stamp(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private DateTimeOffset RealNow => new(DateTime.SpecifyKind(run.Context.CurrentUtcDateTime, DateTimeKind.Utc));

    private static JsonArray Channels(IncidentUpdateResult result) => [.. result.Sent.Select(s => (JsonNode?)s.Channel).Distinct()];
}
