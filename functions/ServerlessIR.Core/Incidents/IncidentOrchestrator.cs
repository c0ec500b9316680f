using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// One durable instance per incident: assess, preserve and contain, tell people, then sleep on durable timers until each
/// obligation's checkpoints, recording every step as evidence.
/// </summary>
/// <remarks>
/// Deterministic: time comes only from <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>, waits are durable timers,
/// everything else is an activity. Incident time maps to real time through <see cref="IncidentClock"/>.
/// </remarks>
[DurableTask(nameof(IncidentOrchestrator))]
public sealed class IncidentOrchestrator : TaskOrchestrator<IncidentInput, IncidentSummary>
{
    /// <summary>Containment attempts before a step is surfaced to a person as failed.</summary>
    public const int MaxContainmentAttempts = 5;

    private static readonly TaskOptions ActivityRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    public override async Task<IncidentSummary> RunAsync(TaskOrchestrationContext context, IncidentInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var run = new Run(context, input);
        var log = context.CreateReplaySafeLogger<IncidentOrchestrator>();

        await run.Evidence("signal.received", "source:" + input.FirstSignal.Source, input.FirstSignal.Summary,
            Payload(input.FirstSignal));
        if (input.LinkedIncidentId is not null)
        {
            await run.Evidence("incident.linked", "system", $"Follows closed incident {input.LinkedIncidentId}");
        }
        await run.Publish();

        var plan = await context.CallActivityAsync<IncidentPlan>(nameof(PlanIncidentActivity),
            new PlanIncidentInput(input.IncidentId, input.OpenedAt, run.Signals), ActivityRetry);
        run.Apply(plan);
        var severity = plan.Assessment.Severity;
        await run.Evidence("assessment.completed", "system",
            $"{severity.Level} (ENISA {severity.EnisaScore:0.##}, {severity.EnisaLevel}); {plan.Assessment.Obligations.Count} obligation(s); AI system {plan.AiSystemId ?? "unknown"}",
            JsonSerializer.SerializeToNode(plan.Assessment)!.AsObject());
        log.LogInformation("Incident {IncidentId} assessed {Level} with {Count} obligations", input.IncidentId, severity.Level, plan.Assessment.Obligations.Count);

        run.Summary = run.Summary with { Status = IncidentStatus.Containing };
        await run.Publish();
        await Contain(run, plan);

        await run.Notify("incident-opened", plan.Route.Dpo.Concat(plan.Route.Owners).ToList(),
            $"[{severity.Level}] AI data leak: {plan.AiSystemName ?? "unknown AI system"} ({input.IncidentId})",
            new Dictionary<string, string>
            {
                ["Severity"] = severity.Level,
                ["AI system"] = plan.AiSystemName ?? "unknown",
                ["Data categories"] = string.Join(", ", plan.DataCategories),
                ["Containment"] = string.Join("; ", run.Summary.Containment.Select(c => $"{c.Action}: {c.Status}")),
                ["Nearest deadline"] = NearestDeadline(plan) ?? "none with a fixed period",
            });

        var failed = run.Summary.Containment.Any(c => c.Status == "Failed");
        run.Summary = run.Summary with
        {
            Status = failed ? IncidentStatus.Containing : IncidentStatus.Contained,
            ContainedAt = failed ? null : run.Now,
            TimeToContainRealSeconds = failed ? null : Math.Round((context.CurrentUtcDateTime - input.OpenedAt.UtcDateTime).TotalSeconds, 1),
        };
        await run.Evidence(failed ? "incident.containment-incomplete" : "incident.contained", "system",
            failed ? "Containment incomplete: a person must act on the failed steps" : "All containment steps done");
        await run.Publish();

        await WatchClocks(run, plan);

        await run.Evidence("incident.horizon-reached", "system", "Clocks watched to the horizon; later obligations stay scheduled");
        await run.Anchor("horizon");
        await run.Publish();
        return run.Summary;
    }

    private static async Task Contain(Run run, IncidentPlan plan)
    {
        var results = new List<ContainmentSummary>();
        for (var step = 0; step < plan.Containment.Count; step++)
        {
            var planned = plan.Containment[step];
            var request = new ContainmentRequest(run.Input.IncidentId, step + 1, planned.Action, plan.OrgId, plan.AiSystemId, run.Input.FirstSignal.PayloadRef);
            ContainmentSummary? result = null;
            for (var attempts = 1; result is null; attempts++)
            {
                try
                {
                    var outcome = await run.Context.CallActivityAsync<ContainmentOutcome>(ContainmentActions.ActivityFor(planned.Action), request);
                    await run.Evidence("containment.succeeded", "system", $"{planned.Action}: {outcome.Detail}", new JsonObject
                    {
                        ["action"] = planned.Action,
                        ["status"] = outcome.Status,
                        ["attempts"] = attempts,
                        ["before"] = outcome.Before?.DeepClone(),
                        ["after"] = outcome.After?.DeepClone(),
                    });
                    result = new ContainmentSummary(planned.Action, outcome.Status, attempts, outcome.Detail);
                }
                catch (TaskFailedException ex) when (attempts < MaxContainmentAttempts && !IsPermanent(ex))
                {
                    // Durable back-off: the wait survives a restart and costs nothing while it runs.
                    await run.Context.CreateTimer(TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, attempts - 1))), CancellationToken.None);
                }
                catch (TaskFailedException ex)
                {
                    var reason = ex.FailureDetails.ErrorMessage;
                    result = new ContainmentSummary(planned.Action, "Failed", attempts, reason);
                    await run.Evidence("containment.failed", "system", $"{planned.Action} failed after {attempts} attempt(s): {reason}", new JsonObject
                    {
                        ["action"] = planned.Action,
                        ["attempts"] = attempts,
                        ["permanent"] = IsPermanent(ex),
                        ["error"] = reason,
                    });
                    await run.Notify("containment-failed", plan.Route.Owners.Concat(plan.Route.Dpo).ToList(),
                        $"Action needed: {planned.Action} failed ({run.Input.IncidentId})",
                        new Dictionary<string, string> { ["Action"] = planned.Action, ["Attempts"] = attempts.ToString(CultureInfo.InvariantCulture), ["Error"] = reason });
                }
            }
            results.Add(result);
            run.Summary = run.Summary with { Containment = [.. results] };
            await run.Publish();
        }
    }

    private static bool IsPermanent(TaskFailedException ex) =>
        ex.FailureDetails.IsCausedBy<PermanentContainmentException>() || ex.FailureDetails.IsCausedBy<ArgumentException>();

    private static async Task WatchClocks(Run run, IncidentPlan plan)
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

    private static string? NearestDeadline(IncidentPlan plan) =>
        plan.Assessment.Obligations.Where(o => o.Deadline is not null).OrderBy(o => o.Deadline)
            .Select(o => $"{o.Regime} at {o.Deadline:yyyy-MM-dd HH:mm} UTC").FirstOrDefault();

    private static JsonObject Payload(Signal signal) => new()
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

    /// <summary>The working state of one orchestration run: evidence sequence, summary, clock.</summary>
    private sealed class Run(TaskOrchestrationContext context, IncidentInput input)
    {
        private readonly List<TimelineEntry> timeline = [];
        private readonly List<NotificationSummary> notifications = [];
        private List<ObligationSummary> obligations = [];
        private long sequence;
        private string? head;
        private int notificationCount;
        private string sender = "ir-bot@example.com";

        public TaskOrchestrationContext Context { get; } = context;
        public IncidentInput Input { get; } = input;
        public IncidentClock Clock { get; } = new(input.OpenedAt, input.Runtime.TimeScale);
        public List<Signal> Signals { get; } = [input.FirstSignal];

        public IncidentSummary Summary { get; set; } = new()
        {
            Id = input.IncidentId,
            Status = IncidentStatus.Open,
            OpenedAt = input.OpenedAt,
            AiSystem = input.FirstSignal.AiSystemId,
            Signals = 1,
            LinkedIncidentId = input.LinkedIncidentId,
        };

        /// <summary>Incident time now.</summary>
        public DateTimeOffset Now => Clock.ToIncident(Context.CurrentUtcDateTime);

        public void Apply(IncidentPlan plan)
        {
            obligations = plan.Assessment.Obligations.Select(o => new ObligationSummary(
                o.Regime, o.Recipient, o.Deadline, o.DeadlineKind,
                o.Deadline is { } d && Input.Runtime.HorizonHours is { } h && d > Input.OpenedAt.AddHours(h) ? "Scheduled" : "Pending",
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
            Summary = Summary with { EvidenceRecords = sequence, EvidenceHead = head, Timeline = [.. timeline] };
        }

        /// <summary>Writes the chain's head to the anchor store, so a deleted tail is detectable.</summary>
        public Task Anchor(string reason) =>
            Context.CallActivityAsync<AnchorResult>(nameof(AnchorEvidenceActivity),
                new AnchorRequest(Input.IncidentId, reason, obligations.Select(o => o.Regime).Distinct().ToList()), ActivityRetry);

        public Task Publish()
        {
            Context.SetCustomStatus(new { status = Summary.Status.ToString(), severity = Summary.Severity?.Level, step = timeline.LastOrDefault()?.Kind });
            return Context.CallActivityAsync<bool>(nameof(RecordIncidentActivity), Summary, ActivityRetry);
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

        public async Task CheckpointFired(PlannedCheckpoint checkpoint)
        {
            var firedAt = Now;
            obligations = obligations.Select(o => o.Regime == checkpoint.Regime && o.Recipient == checkpoint.Recipient
                ? o with
                {
                    Checkpoints = o.Checkpoints.Select(c => c.Name == checkpoint.Name && c.FiredAt is null ? c with { FiredAt = firedAt } : c).ToList(),
                    Status = checkpoint.Name == "deadline" && o.Status == "Pending" ? "Late" : o.Status,
                }
                : o).ToList();
            Summary = Summary with { Obligations = [.. obligations] };
            await Evidence("checkpoint.fired", "system",
                $"{checkpoint.Regime} {checkpoint.Name} checkpoint (due {checkpoint.DueAt:yyyy-MM-dd HH:mm} UTC): {checkpoint.LadderAction}",
                new JsonObject
                {
                    ["regime"] = checkpoint.Regime,
                    ["recipient"] = checkpoint.Recipient,
                    ["checkpoint"] = checkpoint.Name,
                    ["dueAt"] = checkpoint.DueAt,
                    ["firedAt"] = firedAt,
                    ["ladderAction"] = checkpoint.LadderAction,
                });
            await Anchor($"checkpoint {checkpoint.Regime} {checkpoint.Name}");
            await Publish();
        }

        public async Task Handle(IncidentEvent incidentEvent)
        {
            switch (incidentEvent.Kind)
            {
                case IncidentEvent.Kinds.Signal when incidentEvent.Json is not null:
                    var signal = JsonSerializer.Deserialize<Signal>(incidentEvent.Json, JsonSerializerOptions.Web)!;
                    Signals.Add(signal);
                    Summary = Summary with { Signals = Signals.Count };
                    await Evidence("signal.joined", "source:" + signal.Source, signal.Summary, Payload(signal));
                    await Publish();
                    break;
                default:
                    await Evidence("event.ignored", "system", $"Event '{incidentEvent.Kind}' is not handled in this state");
                    break;
            }
        }
    }
}
