using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Playbooks;

public sealed class PlaybookTicketingTests
{
    private static Playbook WithTicketing(string ticketing) =>
        PlaybookLoader.Parse(PlaybookLoader.DefaultYaml + "\nticketing:\n  system: servicenow\n" + ticketing, "test.yaml");

    [Fact]
    public void Parse_NoStates_ThePluginDefaults()
    {
        var states = WithTicketing("").Ticketing!.States;

        Assert.Equal(("16", "18", "20", "3", "7"), (states.Analysis, states.Contain, states.Recover, states.Closed, states.Cancelled));
    }

    [Fact]
    public void Parse_InstanceStates_Taken()
    {
        var states = WithTicketing("  states:\n    contain: \"118\"\n    closed: \"103\"\n").Ticketing!.States;

        Assert.Equal(("16", "118", "103", "7"), (states.Analysis, states.Contain, states.Closed, states.Cancelled));
    }

    [Fact]
    public void Parse_AnOpenStateEqualToClosed_RejectedNamingTheField()
    {
        var ex = Assert.Throws<PlaybookLoadException>(() => WithTicketing("  states:\n    recover: \"3\"\n"));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal("ticketing.states.recover", problem.Field);
        Assert.Contains("ticketing.states.closed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AStateThatIsNotAChoiceValue_RejectedNamingTheField()
    {
        var ex = Assert.Throws<PlaybookLoadException>(() => WithTicketing("  states:\n    contain: Contain\n"));

        Assert.Contains(ex.Problems, p => p.Field.StartsWith("ticketing.states", StringComparison.Ordinal));
    }
}
