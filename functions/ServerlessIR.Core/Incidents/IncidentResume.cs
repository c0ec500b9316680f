using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// Everything a long-lived incident carries into its next generation when it continues as new (docs/performance.md#bounded-histories):
/// what it knows (the summary: obligations with the checkpoints that fired, containment results and undo state, approvals,
/// notices, tasks with their reminders, incident time), the plan in force, and every count an idempotency key or the
/// evidence chain is made from, so the next generation goes on exactly where this one stopped and never repeats a side effect.
/// </summary>
/// <remarks>
/// Stored in the durable history as the next generation's input, like <see cref="IncidentInput"/>: pseudonymized signals
/// and bounded texts only, as the state itself holds.
/// </remarks>
public sealed record IncidentResume
{
    /// <summary>The generation this input starts: 2 for the first continue-as-new.</summary>
    public required int Generation { get; init; }

    /// <summary>The phase the incident left, and goes straight back to.</summary>
    public required IncidentResumePhase Phase { get; init; }

    /// <summary>The incident as it stood: the whole timeline, signal IDs, obligations, containment, tasks, ticket and incident time.</summary>
    public required IncidentSummary Summary { get; init; }

    /// <summary>The plan in force (the latest re-assessment's, with every containment step planned so far).</summary>
    public required IncidentPlan Plan { get; init; }

    /// <summary>The signals kept for re-assessment: the first one and each that widened the breach.</summary>
    public IReadOnlyList<Signal> Signals { get; init; } = [];

    /// <summary>Amended facts, for every later re-assessment.</summary>
    public IReadOnlyList<FactsAmendment> Amendments { get; init; } = [];

    /// <summary>The obligation book's checkpoints, the ones fired and the escalation tiers.</summary>
    public required ObligationBookState Obligations { get; init; }

    /// <summary>The containment steps planned, begun and performed.</summary>
    public required ContainmentLedgerState Containment { get; init; }

    /// <summary>The evidence chain's last sequence number: the next generation appends after it.</summary>
    public long EvidenceSequence { get; init; }

    /// <summary>E-mails sent so far (their idempotency keys count on: <c>{incident}/notify/{n}/{template}</c>).</summary>
    public int Notifications { get; init; }

    /// <summary>Joined-signal batches taken so far (a batch's number keys its take).</summary>
    public int JoinBatches { get; init; }

    /// <summary>Whether joined signals were still waiting when the generation ended: the next one takes them first.</summary>
    public bool JoinsLeft { get; init; }

    /// <summary>The status cadence: the posts made (<c>{incident}/status/{n}</c>) and the grid the next is due on.</summary>
    public required StatusCadence StatusCadence { get; init; }

    /// <summary>Executive briefs sent (<c>{incident}/executive-brief/{n}</c>).</summary>
    public int ExecutiveBriefs { get; init; }

    /// <summary>Follow-up cards posted (<c>{incident}/approval-follow-up/{n}</c>).</summary>
    public int FollowUps { get; init; }

    /// <summary>The bookkeeping steps whose failure people were told of, and not told again until the step works.</summary>
    public IReadOnlyList<BookkeepingStep> RaisedFailures { get; init; } = [];

    /// <summary>The notices drafted, so a submission that arrives later finds its obligation.</summary>
    public IReadOnlyList<DraftedNotice> DraftedNotices { get; init; } = [];

    /// <summary>What the ticket last showed (its fingerprint), how many timeline entries it has been sent, and whether it was closed over there.</summary>
    public string? TicketFollowed { get; init; }

    /// <inheritdoc cref="TicketFollowed"/>
    public int TicketNoted { get; init; }

    /// <inheritdoc cref="TicketFollowed"/>
    public bool TicketClosedThere { get; init; }

    /// <summary>The incident record's last version asked for (revision 4 on): the next generation numbers its writes on from it.</summary>
    public long RecordVersion { get; init; }

    /// <summary>The history events the previous generation wrote, as it estimated them (<see cref="HistoryBudget"/>).</summary>
    public int PreviousGenerationEvents { get; init; }
}
