using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ticketing;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// The incident as reports and the API show it (the <c>incidents[]</c> shape of report.json in docs/architecture.md).
/// Built by the orchestrator as it goes; its output when it ends.
/// </summary>
public sealed record IncidentSummary
{
    public required string Id { get; init; }
    public IncidentStatus Status { get; init; }
    public DateTimeOffset OpenedAt { get; init; }
    public string? AiSystem { get; init; }
    public string? AiSystemName { get; init; }

    /// <summary>The Salesforce org the incident's steps act on: for an exercise the playbook's exercise org, never production.</summary>
    public string? Org { get; init; }
    public SeveritySummary? Severity { get; init; }
    public int Signals { get; init; }

    /// <summary>The lowest trust of the incident's signals, as the step gate last saw it: what the steps still to run get.</summary>
    public SourceTrust? Trust { get; init; }

    /// <summary>
    /// The IDs of the signals the incident took, first to last: all of them in the orchestration's output, the latest in
    /// the stored record. Ingestion reads the output to tell a signal an ending incident took from one it never saw.
    /// </summary>
    public IReadOnlyList<string> SignalIds { get; init; } = [];
    public IReadOnlyList<string> DataCategories { get; init; } = [];
    public IReadOnlyList<ContainmentSummary> Containment { get; init; } = [];
    public IReadOnlyList<ApprovalSummary> Approvals { get; init; } = [];
    public IReadOnlyList<ObligationSummary> Obligations { get; init; } = [];
    public IReadOnlyList<NotificationSummary> Notifications { get; init; } = [];

    /// <summary>Follow-up tasks with their owners, seeded by the playbook or created by people (docs/lifecycle.md).</summary>
    public IReadOnlyList<IncidentTask> Tasks { get; init; } = [];

    /// <summary>The post-incident review the incident closed with; null until it is <c>Closed</c>.</summary>
    public IncidentReview? Review { get; init; }

    /// <summary>The incident's ticket in the ticketing system (docs/lifecycle.md#ticketing); null without one.</summary>
    public TicketRef? Ticket { get; init; }
    /// <summary>The timeline: whole in the orchestration's output, the latest entries in the stored incident record.</summary>
    public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];

    /// <summary>How many entries the whole timeline has (the evidence records every one).</summary>
    public int TimelineCount { get; init; }
    public long EvidenceRecords { get; init; }

    /// <summary>
    /// How many times the orchestration has written the record (revision 4 on; 0 before): a journal's change applies only to
    /// the version it follows (<see cref="RecordChange"/>).
    /// </summary>
    public long RecordVersion { get; init; }

    /// <summary>The latest bookkeeping steps that failed after their retries (evidence, record, messages, notice drafts).</summary>
    public IReadOnlyList<BookkeepingFailure> BookkeepingFailures { get; init; } = [];

    /// <summary>How many bookkeeping steps failed in all; <see cref="BookkeepingFailures"/> keeps the latest.</summary>
    public int BookkeepingFailureCount { get; init; }
    public string? EvidenceHead { get; init; }
    public string? LinkedIncidentId { get; init; }
    public DateTimeOffset? ContainedAt { get; init; }

    /// <summary>Incident seconds per real second the incident runs at (1 in production), so pages can say "time left" in incident time.</summary>
    public double TimeScale { get; init; } = 1;

    /// <summary>
    /// Incident time as the orchestration last wrote the record (<see cref="IncidentTime"/>): its lead over real time and
    /// the wait under way, so a page tells incident time now as the orchestration would.
    /// </summary>
    public IncidentTime Time { get; init; } = IncidentTime.Real;

    /// <summary>Real seconds from the first signal to containment: processing is not compressed in a drill, only waits are.</summary>
    public double? TimeToContainRealSeconds { get; init; }
}
