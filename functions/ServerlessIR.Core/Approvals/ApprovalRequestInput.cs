namespace ServerlessIR.Core.Approvals;

/// <summary>
/// Input of <see cref="RequestApprovalActivity"/>: one tier asked about one step. Stored in the durable history, so it
/// holds no token: the activity issues the token and puts it only into the messages.
/// </summary>
/// <param name="TierNumber">1-based position of the tier in the playbook's ladder.</param>
/// <param name="ExpiresAt">Real UTC time at which the tier's wait ends; the link expires with it.</param>
/// <param name="IncidentNow">Incident time of the request, for the "time left" line.</param>
/// <param name="EscalatedFrom">The tier that did not answer, when this request is an escalation.</param>
/// <param name="Reminder">A second nudge to the same tier half-way through its wait.</param>
public sealed record ApprovalRequestInput(
    string IncidentId,
    string Action,
    string Tier,
    int TierNumber,
    string Severity,
    string? AiSystem,
    IReadOnlyList<string> DataCategories,
    DateTimeOffset? NearestDeadline,
    string? NearestDeadlineRegime,
    DateTimeOffset IncidentNow,
    DateTimeOffset ExpiresAt,
    string Sender,
    string? EscalatedFrom = null,
    bool Reminder = false);
