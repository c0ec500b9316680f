namespace ServerlessIR.Core.Approvals;

/// <summary>Delivers a decision to the incident's orchestration (in both hosts: an external event through DurableTaskClient).</summary>
public interface IApprovalDecisionSink
{
    Task RaiseDecisionAsync(ApprovalDecision decision, CancellationToken ct);
}
