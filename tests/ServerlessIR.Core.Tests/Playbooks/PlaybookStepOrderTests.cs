using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Playbooks;

/// <summary>The containment steps' <c>after</c> field: read from the default playbook, and checked at load.</summary>
public sealed class PlaybookStepOrderTests
{
    private const string RevokeAfterPreserve = "    - action: salesforce.revoke-oauth-tokens\n      after: [salesforce.preserve-event-logs]\n";

    [Fact]
    public void LoadDefault_StepsAfterPreserve_WaitOnlyForPreserve()
    {
        var steps = PlaybookLoader.LoadDefault().Containment.Steps;

        Assert.Null(steps[0].After);
        Assert.All(steps.Skip(1), s => Assert.Equal(["salesforce.preserve-event-logs"], s.After!));
    }

    [Theory]
    [InlineData("salesforce.revoke-oauth-tokens", "lists itself under after")]
    [InlineData("salesforce.end-sessions", "which is listed after it")]
    [InlineData("salesforce.shred-everything", "which is not an action of containment.steps")]
    public void Parse_AfterNamesNoEarlierStep_ProblemNamesTheStepAndLine(string after, string expected)
    {
        var yaml = PlaybookLoader.DefaultYaml.Replace(RevokeAfterPreserve,
            $"    - action: salesforce.revoke-oauth-tokens\n      after: [{after}]\n", StringComparison.Ordinal);

        var ex = Assert.Throws<PlaybookLoadException>(() => PlaybookLoader.Parse(yaml, "order.playbook.yaml"));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal("containment.steps.1.after", problem.Field);
        Assert.Contains("step 'salesforce.revoke-oauth-tokens'", problem.Message, StringComparison.Ordinal);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.Equal(LineOf(yaml, $"after: [{after}]"), problem.Line);
    }

    [Fact]
    public void Parse_AfterWithoutList_RefusedBySchema()
    {
        var yaml = PlaybookLoader.DefaultYaml.Replace(RevokeAfterPreserve,
            "    - action: salesforce.revoke-oauth-tokens\n      after: salesforce.preserve-event-logs\n", StringComparison.Ordinal);

        var ex = Assert.Throws<PlaybookLoadException>(() => PlaybookLoader.Parse(yaml, "order.playbook.yaml"));

        Assert.Contains(ex.Problems, p => p.Field == "containment.steps.1.after");
    }

    private static int LineOf(string yaml, string text) =>
        yaml[..yaml.IndexOf(text, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
}
