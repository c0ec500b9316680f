namespace ServerlessIR.Core.Incidents;

/// <summary>Where an incident stands. Names are a contract (docs/architecture.md): reports, the API and scripts use them.</summary>
public enum IncidentStatus
{
    Open,
    Containing,
    Contained,
    Closed,
    FalsePositive,
    Failed,
}
