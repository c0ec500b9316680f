using ServerlessIR.Core.Approvals;

namespace ServerlessIR.Core.Tests.Approvals;

public sealed class ApprovalDecisionTests
{
    [Fact]
    public void EventName_StepDecision_IsTheNameTheLadderWaitsOn()
    {
        var decision = new ApprovalDecision
        {
            IncidentId = "inc-1", ActionId = "salesforce.freeze-user", Tier = "security-lead", Purpose = ApprovalPurpose.Approval,
            Outcome = ApprovalOutcome.Approved, DecidedBy = "lead@example.com", DecidedAt = DateTimeOffset.UnixEpoch, TokenId = "t-1",
        };

        Assert.Equal(ApprovalDecision.EventNameFor("salesforce.freeze-user", "security-lead"), decision.EventName);
        Assert.Equal("approval:salesforce.freeze-user:security-lead", decision.EventName);
    }
}
