namespace ServerlessIR.Core.Notifications;

/// <summary>
/// Input of <see cref="PostIncidentUpdateActivity"/>: one message about a running incident (a status post, an executive
/// brief, an approval follow-up) to the incident's Teams channel (<see cref="CardTemplate"/>), by e-mail to
/// <see cref="To"/> (<see cref="MailTemplate"/>), or both. <see cref="IdempotencyKey"/> starts with the incident ID and is
/// made by the orchestration, so a retried send is recognised by the send ledger and an exercise's message is marked.
/// </summary>
public sealed record IncidentUpdateRequest
{
    public required string IncidentId { get; init; }
    public required string IdempotencyKey { get; init; }
    public required string Sender { get; init; }
    public required string Subject { get; init; }

    /// <summary>The e-mail's recipients; none means no e-mail.</summary>
    public IReadOnlyList<string> To { get; init; } = [];

    /// <summary>The HTML template for the e-mail (<c>internal-status</c>, <c>executive-brief</c>), or null for none.</summary>
    public string? MailTemplate { get; init; }

    /// <summary>The Adaptive Card template for the channel, or null for none.</summary>
    public string? CardTemplate { get; init; }

    /// <summary>Incident time the message is written at.</summary>
    public required DateTimeOffset IncidentNow { get; init; }

    public required NoticeIncident Incident { get; init; }
    public NoticeStatusUpdate? Status { get; init; }
    public NoticeExecutiveBrief? Brief { get; init; }
    public NoticeDecision? Decision { get; init; }
}
