using System.Globalization;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// The obligations of one incident and their clocks: which checkpoint is next, what a firing checkpoint changes, what a
/// submission, a law-enforcement hold, a re-assessment or a false positive does to each duty. Plain state with no
/// Durable Task dependency: the orchestrator asks it and then does the side effects (evidence, notices, timers).
/// </summary>
/// <remarks>Deterministic: time is always passed in (incident time), never read.</remarks>
public sealed class ObligationBook
{
    private readonly DateTimeOffset? horizon;
    private readonly List<PlannedCheckpoint> checkpoints = [];
    private readonly HashSet<(string Regime, string Recipient, string Name)> fired = [];
    private readonly Dictionary<(string Regime, string Recipient), int> escalations = [];
    private List<ObligationSummary> obligations = [];

    /// <param name="horizon">Incident time after which a drill stops watching; null watches every clock (production).</param>
    public ObligationBook(DateTimeOffset? horizon = null)
    {
        this.horizon = horizon;
    }

    public IReadOnlyList<ObligationSummary> Obligations => obligations;

    /// <summary>The regimes the incident owes a notice under, each once.</summary>
    public IReadOnlyList<string> Regimes => [.. obligations.Select(o => o.Regime).Distinct()];

    /// <summary>Takes the obligations and checkpoints of the incident's first plan.</summary>
    public void Open(IncidentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        checkpoints.Clear();
        checkpoints.AddRange(plan.Checkpoints);
        obligations = plan.Assessment.Obligations.Select(o => new ObligationSummary(
            o.Regime, o.Recipient, o.Deadline, o.DeadlineKind, InitialStatus(o.Deadline),
            plan.Checkpoints.Where(c => c.Regime == o.Regime && c.Recipient == o.Recipient)
                .Select(c => new CheckpointSummary(c.Name, c.DueAt, null, c.LadderAction)).ToList(),
            o.Source)).ToList();
    }

    /// <summary>What the book keeps beside its obligations, for the next generation of a continue-as-new.</summary>
    public ObligationBookState Snapshot() => new(
        [.. checkpoints],
        [.. fired.Select(f => new FiredCheckpoint(f.Regime, f.Recipient, f.Name))],
        [.. escalations.Select(e => new EscalationTier(e.Key.Regime, e.Key.Recipient, e.Value))]);

    /// <summary>Takes up where a previous generation left the book: its obligations as they stood and its <see cref="Snapshot"/>.</summary>
    public void Restore(IReadOnlyList<ObligationSummary> obligations, ObligationBookState state)
    {
        ArgumentNullException.ThrowIfNull(obligations);
        ArgumentNullException.ThrowIfNull(state);
        this.obligations = [.. obligations];
        checkpoints.Clear();
        checkpoints.AddRange(state.Checkpoints);
        fired.Clear();
        fired.UnionWith(state.Fired.Select(f => (f.Regime, f.Recipient, f.Name)));
        escalations.Clear();
        foreach (var e in state.Escalations)
        {
            escalations[(e.Regime, e.Recipient)] = e.Tier;
        }
    }

    public ObligationSummary? Find(string regime, string recipient) =>
        obligations.FirstOrDefault(o => o.Regime == regime && o.Recipient == recipient);

    public bool IsSubmitted(string regime, string recipient) =>
        Find(regime, recipient)?.Status is ObligationStatus.Submitted or ObligationStatus.ExerciseSubmitted;

    /// <summary>The open obligation with the nearest fixed deadline: what an approver is told is at stake.</summary>
    public ObligationSummary? NearestPending() =>
        obligations.Where(o => o.Deadline is not null && o.Status == ObligationStatus.Pending).MinBy(o => o.Deadline);

    /// <summary>The earliest checkpoint that has not fired and falls inside the horizon, or null when none is left.</summary>
    public PlannedCheckpoint? NextCheckpoint() =>
        checkpoints.Where(c => !fired.Contains(Key(c)) && (horizon is not { } h || c.DueAt <= h))
            .OrderBy(c => c.DueAt).ThenBy(c => c.Regime, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>
    /// Marks <paramref name="checkpoint"/> fired at <paramref name="now"/>. At the deadline an obligation that is neither
    /// done nor on hold turns <see cref="ObligationStatus.Late"/> and needs reasons for the delay.
    /// </summary>
    /// <returns>The obligation as it stood before the checkpoint, and what the ladder must do about it.</returns>
    public CheckpointFiring Fire(PlannedCheckpoint checkpoint, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        fired.Add(Key(checkpoint));
        var obligation = Find(checkpoint.Regime, checkpoint.Recipient);
        var done = obligation?.Status is ObligationStatus.Submitted or ObligationStatus.ExerciseSubmitted or ObligationStatus.NotRequired;
        var late = checkpoint.Kind == CheckpointKind.Deadline && !done && obligation?.Status != ObligationStatus.OnHold;
        Update(checkpoint.Regime, checkpoint.Recipient, o => o with
        {
            Checkpoints = o.Checkpoints.Select(c => c.Name == checkpoint.Name && c.FiredAt is null ? c with { FiredAt = now } : c).ToList(),
            Status = late ? ObligationStatus.Late : o.Status,
            ReasonsForDelayRequired = o.ReasonsForDelayRequired || late,
            StatusReason = late ? "Deadline passed without a submission: reasons for delay required" : o.StatusReason,
        });
        return new CheckpointFiring(checkpoint, obligation, done, late);
    }

    /// <summary>The next escalation tier (1 for the first escalation) of one obligation; each call climbs one.</summary>
    public int Escalate(string regime, string recipient)
    {
        var key = (regime, recipient);
        var next = escalations.GetValueOrDefault(key) + 1;
        escalations[key] = next;
        return next;
    }

    /// <summary>Marks an obligation submitted: its later checkpoints still fire, but it is never turned Late.</summary>
    /// <param name="exercise">An exercise's submission: recorded as <see cref="ObligationStatus.ExerciseSubmitted"/>, never as real.</param>
    public void Submit(string regime, string recipient, DateTimeOffset submittedAt, string? reference, bool exercise = false) =>
        Update(regime, recipient, o => o with
        {
            Status = exercise ? ObligationStatus.ExerciseSubmitted : ObligationStatus.Submitted,
            SubmittedAt = submittedAt,
            Reference = reference,
            StatusReason = (exercise ? "EXERCISE: marked submitted by the DPO; nothing was sent to a regulator" : "Marked submitted by the DPO")
                + (reference is null ? "" : $" (reference {reference})"),
        });

    /// <summary>
    /// Puts the obligations <paramref name="hold"/> covers on hold, or lifts it. A lifted hold whose deadline passed
    /// meanwhile leaves the obligation late, with reasons for the delay required.
    /// </summary>
    /// <returns>The obligations the hold covers, as (regime, recipient).</returns>
    public IReadOnlyList<(string Regime, string Recipient)> ApplyHold(LawEnforcementHold hold, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(hold);
        var covered = obligations.Where(o => hold.Covers(o.Regime)).Select(o => (o.Regime, o.Recipient)).ToList();
        foreach (var (regime, recipient) in covered)
        {
            Update(regime, recipient, o => hold.Lift
                ? o with
                {
                    Hold = null,
                    Status = o.Status != ObligationStatus.OnHold ? o.Status
                        : o.Deadline is { } d && d <= now ? ObligationStatus.Late : InitialStatus(o.Deadline),
                    ReasonsForDelayRequired = o.ReasonsForDelayRequired || (o.Status == ObligationStatus.OnHold && o.Deadline is { } dl && dl <= now),
                    StatusReason = "law-enforcement hold lifted",
                }
                : o with
                {
                    Hold = hold,
                    Status = o.Status is ObligationStatus.Submitted or ObligationStatus.ExerciseSubmitted or ObligationStatus.NotRequired ? o.Status : ObligationStatus.OnHold,
                    StatusReason = $"held at the request of {hold.RequestedBy}: {hold.Reason}",
                });
        }
        return covered;
    }

    /// <summary>
    /// Follows a new assessment. Checkpoints that fired stay as they were; the rest follow the new plan, and one whose new
    /// time has already passed is the next to fire. A duty that no longer applies is kept as not required, so the record
    /// shows it was once due and why it went away.
    /// </summary>
    /// <returns>What changed, one line each, for the evidence.</returns>
    public IReadOnlyList<string> Revise(IncidentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var changes = new List<string>();
        var revised = new List<ObligationSummary>();
        foreach (var o in plan.Assessment.Obligations)
        {
            var old = Find(o.Regime, o.Recipient);
            var planned = plan.Checkpoints.Where(c => c.Regime == o.Regime && c.Recipient == o.Recipient).ToList();
            var firedSummaries = old?.Checkpoints.Where(c => c.FiredAt is not null).ToList() ?? [];
            var summaries = firedSummaries
                .Concat(planned.Where(c => !fired.Contains(Key(c))).Select(c => new CheckpointSummary(c.Name, c.DueAt, null, c.LadderAction)))
                .OrderBy(c => c.DueAt).ToList();
            if (old is null)
            {
                changes.Add($"{o.Regime} to {o.Recipient} now applies" + (o.Deadline is { } d ? $", due {d:yyyy-MM-dd HH:mm} UTC" : ""));
                revised.Add(new ObligationSummary(o.Regime, o.Recipient, o.Deadline, o.DeadlineKind, InitialStatus(o.Deadline), summaries, o.Source)
                {
                    StatusReason = "added by re-assessment",
                });
                continue;
            }
            if (old.Deadline != o.Deadline)
            {
                changes.Add($"{o.Regime} deadline {Format(old.Deadline)} -> {Format(o.Deadline)}");
            }
            var status = old.Status is ObligationStatus.Submitted or ObligationStatus.ExerciseSubmitted or ObligationStatus.Late or ObligationStatus.OnHold ? old.Status : InitialStatus(o.Deadline);
            revised.Add(old with { Deadline = o.Deadline, DeadlineKind = o.DeadlineKind, Status = status, Checkpoints = summaries, Source = o.Source });
        }
        foreach (var gone in obligations.Where(x => !revised.Any(r => r.Regime == x.Regime && r.Recipient == x.Recipient)))
        {
            if (gone.Status != ObligationStatus.NotRequired)
            {
                changes.Add($"{gone.Regime} to {gone.Recipient} no longer applies");
            }
            var submitted = gone.Status == ObligationStatus.Submitted;
            revised.Add(gone with
            {
                Status = submitted ? gone.Status : ObligationStatus.NotRequired,
                StatusReason = submitted ? gone.StatusReason : "no longer applies after re-assessment",
            });
        }
        checkpoints.RemoveAll(c => !fired.Contains(Key(c)));
        checkpoints.AddRange(plan.Checkpoints.Where(c => !fired.Contains(Key(c))));
        obligations = revised;
        return changes;
    }

    /// <summary>
    /// The incident was no breach: every obligation not yet submitted becomes not required. A submitted notice stays
    /// submitted, because the recipient has it and needs a follow-up withdrawing it.
    /// </summary>
    /// <returns>The regimes whose notice was already submitted.</returns>
    public IReadOnlyList<string> DeclareFalsePositive(string declaredBy)
    {
        obligations = obligations.Select(o => o.Status is ObligationStatus.Submitted or ObligationStatus.ExerciseSubmitted or ObligationStatus.NotRequired
            ? o
            : o with { Status = ObligationStatus.NotRequired, StatusReason = $"false positive declared by {declaredBy}" }).ToList();
        return [.. obligations.Where(o => o.Status == ObligationStatus.Submitted).Select(o => o.Regime)];
    }

    private void Update(string regime, string recipient, Func<ObligationSummary, ObligationSummary> change) =>
        obligations = obligations.Select(o => o.Regime == regime && o.Recipient == recipient ? change(o) : o).ToList();

    private ObligationStatus InitialStatus(DateTimeOffset? deadline) =>
        deadline is { } d && horizon is { } h && d > h ? ObligationStatus.Scheduled : ObligationStatus.Pending;

    private static (string, string, string) Key(PlannedCheckpoint c) => (c.Regime, c.Recipient, c.Name);

    private static string Format(DateTimeOffset? at) =>
        at is { } d ? d.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "none";
}
