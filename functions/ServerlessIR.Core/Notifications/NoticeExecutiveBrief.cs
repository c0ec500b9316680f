namespace ServerlessIR.Core.Notifications;

/// <summary>What the <c>executive-brief</c> says beyond the incident itself (the template's <c>brief</c>).</summary>
public sealed record NoticeExecutiveBrief
{
    /// <summary>The checkpoint that sent it ("gdpr-art33 deadline").</summary>
    public string Checkpoint { get; init; } = "";

    /// <summary>Incident time of the brief.</summary>
    public DateTimeOffset IncidentTime { get; init; }

    /// <summary>The regimes whose duties apply to the incident: the fines are looked up for these.</summary>
    public IReadOnlyList<string> Regimes { get; init; } = [];

    /// <summary>The maximum fine per regime family (filled by the sending activity from <see cref="FineExposureCatalog"/>).</summary>
    public IReadOnlyList<FineExposure> Fines { get; init; } = [];

    /// <summary>The AI feature's fallback state: switched or not, healthy or not.</summary>
    public string FallbackState { get; init; } = "";

    /// <summary>The nearest pending deadline and the incident time left to it.</summary>
    public string NearestDeadline { get; init; } = "none pending";
}
