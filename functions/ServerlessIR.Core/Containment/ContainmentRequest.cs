namespace ServerlessIR.Core.Containment;

/// <summary>Input of every containment activity. <see cref="IdempotencyKey"/> is derived from incident and step.</summary>
public sealed record ContainmentRequest(string IncidentId, int Step, string Action, string? OrgId, string? AiSystemId, string? PayloadRef)
{
    public string IdempotencyKey => $"{IncidentId}/{Step}/{Action}";
}
