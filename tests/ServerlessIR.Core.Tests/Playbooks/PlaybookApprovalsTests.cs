using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Playbooks;

public sealed class PlaybookApprovalsTests
{
    [Fact]
    public void LoadDefault_Approvals_HasOrderedTiersWithGroupsApproversAndTimeouts()
    {
        var approvals = PlaybookLoader.LoadDefault().Approvals;
        Assert.Equal(["security-lead", "dpo", "ciso"], approvals.Tiers.Select(t => t.Name));
        Assert.All(approvals.Tiers, t =>
        {
            Assert.False(string.IsNullOrEmpty(t.EntraGroupId));
            Assert.NotEmpty(t.Approvers);
            Assert.True(t.TimeoutMinutes > 0);
        });
        Assert.True(approvals.ProceedsAfterLastTier("SEV1"));
        Assert.False(approvals.ProceedsAfterLastTier("SEV2"));
    }

    [Fact]
    public void LoadDefault_Notifications_NamesSecretChannelAndDpoReview()
    {
        var notifications = PlaybookLoader.LoadDefault().Notifications;
        Assert.Equal("teams-workflows-webhook-url", notifications.TeamsWebhookSecret);
        Assert.Equal("BULK_MAIL_ENDPOINT", notifications.DataSubjectChannel?.EndpointSetting);
        Assert.Equal("dpo@northwind.example", notifications.DpoReviewAddress);
    }

    [Fact]
    public void Parse_UnknownAfterLastTierOutcome_IsRejectedWithField()
    {
        var yaml = PlaybookLoader.DefaultYaml.Replace("SEV2: hold", "SEV2: maybe", StringComparison.Ordinal);
        var ex = Assert.Throws<PlaybookLoadException>(() => PlaybookLoader.Parse(yaml, "test.yaml"));
        Assert.Contains(ex.Problems, p => p.Field.Contains("defaultAfterLastTier", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_TierWithoutTimeout_IsRejected()
    {
        var yaml = PlaybookLoader.DefaultYaml.Replace("      timeoutMinutes: 30\n", "", StringComparison.Ordinal);
        Assert.Throws<PlaybookLoadException>(() => PlaybookLoader.Parse(yaml, "test.yaml"));
    }
}
