namespace ServerlessIR.Core.Evidence;

/// <summary>Input of <see cref="AnchorEvidenceActivity"/>.</summary>
/// <param name="IncidentId">The incident to anchor.</param>
/// <param name="Reason">Checkpoint name (<c>24h</c>, <c>72h</c>) or <c>closed</c>.</param>
/// <param name="Regimes">Regime IDs that applied to the incident (e.g. <c>gdpr-art33</c>, <c>eu-ai-act-art73</c>); they set the retention.</param>
public sealed record AnchorRequest(string IncidentId, string Reason, IReadOnlyList<string> Regimes);
