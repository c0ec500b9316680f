using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Containment;

/// <summary>What the gate needs to know about a step that is about to run (from the plan and the incident's signals).</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Step">The step's number in the incident (1-based).</param>
/// <param name="Action">The dotted action ID.</param>
/// <param name="AiSystemId">The AI system the incident concerns, if known.</param>
/// <param name="ApprovalRequired">The playbook puts the step behind approval whatever else holds.</param>
/// <param name="Irreversible">The step cannot be undone.</param>
/// <param name="CustomerFacing">Customers notice the step.</param>
/// <param name="DefaultAfterLastTier">The step's own answer to silence from the last tier, if the playbook gives one.</param>
/// <param name="Budget">The step's automation budget.</param>
/// <param name="Trust">The lowest trust of the incident's signals so far.</param>
/// <param name="TrustReason">Why: the reason of the least trusted signal.</param>
/// <param name="At">Real time the step is about to run (the orchestrator's clock).</param>
public sealed record StepGateInput(
    string IncidentId,
    int Step,
    string Action,
    string? AiSystemId,
    bool ApprovalRequired,
    bool Irreversible,
    bool CustomerFacing,
    LastTierDefault? DefaultAfterLastTier,
    AutomationBudget Budget,
    SourceTrust Trust,
    string? TrustReason,
    DateTimeOffset At);
