using ServerlessIR.Core.Playbooks;
using Xunit;

namespace ServerlessIR.Core.Tests.Playbooks;

public sealed class PlaybookExtensionTests
{
    [Fact]
    public void LoadDefault_ExtendedSchema_LoadsSeverityMatrixCheckpointsAndLadder()
    {
        var playbook = PlaybookLoader.LoadDefault();
        Assert.Equal("SEV1", playbook.Severity.LevelFor("high", "checkout-critical"));
        Assert.Equal("SEV4", playbook.Severity.LevelFor("low", "low"));
        Assert.Equal("SEV1", playbook.Severity.SeriousIncidentMinimum);
        Assert.Empty(playbook.Clock.Checkpoints);
        Assert.Equal(LadderAction.DraftNotice, playbook.Clock.ActionFor("nis2-early-warning", "12h", 1));
        Assert.Equal(LadderAction.EscalateExecutive, playbook.Clock.ActionFor("br-lgpd", "deadline", 1));
        Assert.False(playbook.FindAiSystem("checkout-fraud-scoring")!.IsHighRisk);
        Assert.True(playbook.FindAiSystem("bnpl-credit-scoring")!.IsHighRisk);
    }

    [Fact]
    public void Parse_UnknownLadderAction_ReportsFileLineAndField()
    {
        var yaml = PlaybookLoader.DefaultYaml.Replace("      24h: remind-owner", "      24h: call-the-ceo", StringComparison.Ordinal);
        var ex = Assert.Throws<PlaybookLoadException>(() => PlaybookLoader.Parse(yaml, "broken.playbook.yaml"));
        var problem = Assert.Single(ex.Problems, p => p.Field == "clock.ladder.gdpr-art33.24h");
        Assert.Equal("broken.playbook.yaml", problem.File);
        Assert.Equal(LineOf(yaml, "24h: call-the-ceo"), problem.Line);
    }

    [Fact]
    public void Parse_BadSeverityLevelInMatrix_ReportsFileLineAndField()
    {
        var yaml = PlaybookLoader.DefaultYaml.Replace("high:      { checkout-critical: SEV1,", "high:      { checkout-critical: SEV0,", StringComparison.Ordinal);
        var ex = Assert.Throws<PlaybookLoadException>(() => PlaybookLoader.Parse(yaml, "broken.playbook.yaml"));
        var problem = Assert.Single(ex.Problems, p => p.Field == "severity.matrix.high.checkout-critical");
        Assert.Equal(LineOf(yaml, "high:      { checkout-critical: SEV0"), problem.Line);
        Assert.Contains("broken.playbook.yaml:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownRegimeInCheckpoints_ReportsTheField()
    {
        var yaml = PlaybookLoader.DefaultYaml.Replace("  warningBeforeDeadlineHours: 12", "  checkpoints:\n    br-lgdp: [24]\n  warningBeforeDeadlineHours: 12", StringComparison.Ordinal);
        var ex = Assert.Throws<PlaybookLoadException>(() => PlaybookLoader.Parse(yaml, "typo.playbook.yaml"));
        Assert.Contains(ex.Problems, p => p.Field.StartsWith("clock.checkpoints", StringComparison.Ordinal));
    }

    private static int LineOf(string text, string fragment)
    {
        var lines = text.Split('\n');
        return Array.FindIndex(lines, l => l.Contains(fragment, StringComparison.Ordinal)) + 1;
    }
}
