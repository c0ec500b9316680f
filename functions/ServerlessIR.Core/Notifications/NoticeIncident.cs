namespace ServerlessIR.Core.Notifications;

/// <summary>The incident as a notice describes it. Counts are approximate by law (GDPR Art. 33(3)(a)); 0 means not yet known.</summary>
public sealed record NoticeIncident
{
    public required string Id { get; init; }
    public required string Severity { get; init; }
    public required string Title { get; init; }

    /// <summary>The nature of the breach in a few sentences (what happened, how, to which systems).</summary>
    public required string Nature { get; init; }

    /// <summary>The same in words a customer understands (GDPR Art. 34(2): clear and plain language).</summary>
    public string PlainDescription { get; init; } = "";

    public required DateTimeOffset AwareAt { get; init; }
    public DateTimeOffset? DetectedAt { get; init; }
    public string Status { get; init; } = "Open";
    public IReadOnlyList<string> SubjectCategories { get; init; } = [];
    public IReadOnlyList<string> DataCategories { get; init; } = [];
    public long ApproxSubjects { get; init; }
    public long ApproxRecords { get; init; }
    public IReadOnlyList<string> Jurisdictions { get; init; } = [];
    public IReadOnlyList<string> LikelyConsequences { get; init; } = [];
    public IReadOnlyList<string> MeasuresTaken { get; init; } = [];
    public IReadOnlyList<string> MeasuresProposed { get; init; } = [];

    /// <summary>What a data subject can do to protect themselves (Art. 34 notices).</summary>
    public IReadOnlyList<string> AdviceToSubjects { get; init; } = [];

    public bool SuspectedMalicious { get; init; }
    public string MaliciousDetails { get; init; } = "";
    public bool CrossBorder { get; init; }
    public IReadOnlyList<string> AffectedMemberStates { get; init; } = [];
    public string Impact { get; init; } = "";
    public IReadOnlyList<string> IndicatorsOfCompromise { get; init; } = [];
    public IReadOnlyList<string> OpenObligations { get; init; } = [];
}
