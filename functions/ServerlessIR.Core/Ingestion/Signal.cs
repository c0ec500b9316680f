namespace ServerlessIR.Core.Ingestion;

/// <summary>
/// One alert normalized. Everything here may enter the durable history, so customer identifiers are already
/// pseudonymized and the raw payload is only referenced (<see cref="PayloadRef"/>).
/// </summary>
public sealed record Signal
{
    /// <summary>Deduplication key: a hash of the delivery's source and event ID.</summary>
    public required string Id { get; init; }

    /// <summary>Where it came from, e.g. <c>serverlessir</c>, <c>salesforce</c>, <c>azure-monitor</c>.</summary>
    public required string Source { get; init; }

    /// <summary>What it is, e.g. <c>ai-data-leak</c>, <c>ApiAnomalyEvent</c>.</summary>
    public required string Kind { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
    public string? OrgId { get; init; }

    /// <summary><c>integration-user</c>, <c>connected-app</c>, <c>user</c> or <c>azure-resource</c>.</summary>
    public string? PrincipalKind { get; init; }

    /// <summary>Keyed pseudonym of the principal; the real identifier stays in the raw payload.</summary>
    public string? PrincipalPseudonym { get; init; }

    public string? ConnectedApp { get; init; }
    public string? AiSystemId { get; init; }
    public IReadOnlyList<string> DataCategories { get; init; } = [];
    public IReadOnlyList<string> Jurisdictions { get; init; } = [];
    public long? SubjectCount { get; init; }
    public long? RecordCount { get; init; }
    public double? Score { get; init; }
    public bool Malicious { get; init; }
    public required string Summary { get; init; }

    /// <summary>Reference of the raw alert in the restricted payload store.</summary>
    public required string PayloadRef { get; init; }

    /// <summary>How far its source is believed (<see cref="SourceTrustClassifier"/>); a signal that says nothing is untrusted.</summary>
    public SourceTrust Trust { get; init; }

    /// <summary>Why it has that trust: the playbook's alert source that matched, or why none did.</summary>
    public string? TrustReason { get; init; }

    /// <summary>From an exercise event (<see cref="ExerciseSignalSource"/>): it opens or joins only an exercise incident.</summary>
    public bool Exercise { get; init; }
}
