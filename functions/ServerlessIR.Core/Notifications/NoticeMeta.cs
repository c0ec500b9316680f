namespace ServerlessIR.Core.Notifications;

/// <summary>Facts about the notice itself: which duty, when drafted, whether late (and why), whether more will follow.</summary>
public sealed record NoticeMeta
{
    public required string Id { get; init; }
    public required string Regime { get; init; }
    public required DateTimeOffset DraftedAt { get; init; }
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Past the deadline: GDPR Art. 33(1) then requires the reasons for the delay.</summary>
    public bool IsLate { get; init; }

    public string DelayReason { get; init; } = "";

    /// <summary>More information will follow in phases (GDPR Art. 33(4); an initial AI Act Art. 73 report may be incomplete).</summary>
    public bool Phased { get; init; } = true;
}
