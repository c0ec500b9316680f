namespace ServerlessIR.Core.Containment;

/// <summary>Input of every containment activity. <see cref="IdempotencyKey"/> is derived from incident and step.</summary>
/// <param name="PayloadRef">Reference of the raw alert; the principal's pseudonym is useless against Salesforce, so the
/// activities act on the AI system's integration user and connected app from the playbook inventory instead.</param>
/// <param name="WindowStart">When the leak was first seen (the first signal's occurrence): the start of the window whose
/// event logs are preserved (the activity looks back further, by the playbook's lookback).</param>
/// <param name="WindowEnd">When containment started (orchestration time): the end of that window.</param>
/// <param name="Exercise">An exercise incident's step: it acts on the playbook's exercise org, never on <paramref name="OrgId"/>.</param>
public sealed record ContainmentRequest(
    string IncidentId,
    int Step,
    string Action,
    string? OrgId,
    string? AiSystemId,
    string? PayloadRef,
    DateTimeOffset? WindowStart = null,
    DateTimeOffset? WindowEnd = null,
    bool Exercise = false)
{
    public string IdempotencyKey => $"{IncidentId}/{Step}/{Action}";
}
