namespace ServerlessIR.Core.Notifications;

/// <summary>
/// Input of <see cref="DraftNoticeActivity"/>: one obligation's notice and the facts the orchestrator holds. Stored in the
/// durable history: pseudonymized facts only, and no token (the activity issues it).
/// </summary>
/// <param name="ExpiresAt">Real UTC time until which the DPO's review link works.</param>
public sealed record NoticeDraftRequest(
    string IncidentId,
    string NoticeId,
    string Regime,
    string Recipient,
    string Template,
    DateTimeOffset? Deadline,
    DateTimeOffset AwareAt,
    DateTimeOffset IncidentNow,
    DateTimeOffset ExpiresAt,
    string Severity,
    string? AiSystem,
    IReadOnlyList<string> DataCategories,
    long ApproxSubjects,
    IReadOnlyList<string> Jurisdictions,
    bool Malicious,
    int Signals,
    IReadOnlyList<string> MeasuresTaken,
    IReadOnlyList<string> OpenObligations,
    string Sender);
