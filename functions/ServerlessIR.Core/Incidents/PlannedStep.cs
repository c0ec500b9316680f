namespace ServerlessIR.Core.Incidents;

/// <summary>One containment step the playbook asks for at this severity.</summary>
public sealed record PlannedStep(string Action, string Approval);
