using ServerlessIR.Core.Approvals;

namespace ServerlessIR.Core.Incidents;

/// <summary>One approval decision: who, at which tier, how long it took in real seconds.</summary>
public sealed record ApprovalSummary(string Action, int Tier, ApprovalResult Decision, string? By, double? LatencySeconds, string? Reason = null);
