namespace ServerlessIR.Core.Ingestion.Correlation;

/// <summary>
/// A signal that joined an incident without widening it, as ingestion records it for the incident to take in a batch:
/// what identifies it (ID, the hash of its raw payload, the payload's reference) and the facts the incident checks once
/// more when it takes it. Its summary stays in the raw store and the incident record's batch evidence names it.
/// </summary>
public sealed record JoinedSignal
{
    public required string Id { get; init; }

    /// <summary><c>sha256:</c> and the hex digest of the raw payload as stored.</summary>
    public required string Hash { get; init; }

    public required string PayloadRef { get; init; }
    public required string Source { get; init; }
    public required string Kind { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public string? OrgId { get; init; }
    public string? AiSystemId { get; init; }
    public IReadOnlyList<string> DataCategories { get; init; } = [];
    public IReadOnlyList<string> Jurisdictions { get; init; } = [];
    public long? SubjectCount { get; init; }
    public bool Malicious { get; init; }

    public static JoinedSignal From(Signal signal, string hash)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentException.ThrowIfNullOrEmpty(hash);
        return new JoinedSignal
        {
            Id = signal.Id,
            Hash = hash,
            PayloadRef = signal.PayloadRef,
            Source = signal.Source,
            Kind = signal.Kind,
            OccurredAt = signal.OccurredAt,
            OrgId = signal.OrgId,
            AiSystemId = signal.AiSystemId,
            DataCategories = signal.DataCategories,
            Jurisdictions = signal.Jurisdictions,
            SubjectCount = signal.SubjectCount,
            Malicious = signal.Malicious,
        };
    }

    /// <summary>The signal again, for the assessment, without its summary (the raw store keeps the text).</summary>
    public Signal ToSignal() => new()
    {
        Id = Id,
        Source = Source,
        Kind = Kind,
        OccurredAt = OccurredAt,
        OrgId = OrgId,
        AiSystemId = AiSystemId,
        DataCategories = DataCategories,
        Jurisdictions = Jurisdictions,
        SubjectCount = SubjectCount,
        Malicious = Malicious,
        Summary = "",
        PayloadRef = PayloadRef,
    };
}
