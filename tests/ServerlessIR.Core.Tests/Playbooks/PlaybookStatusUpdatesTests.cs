using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Playbooks;

public sealed class PlaybookStatusUpdatesTests
{
    private const string DefaultCadence = "    SEV1: 120\n    SEV2: 240\n";

    private static PlaybookLoadException Rejected(string cadence) =>
        Assert.Throws<PlaybookLoadException>(() =>
            PlaybookLoader.Parse(PlaybookLoader.DefaultYaml.Replace(DefaultCadence, cadence, StringComparison.Ordinal), "test.yaml"));

    [Fact]
    public void LoadDefault_Cadence_Sev1EveryTwoHoursSev2EveryFourLowerNone()
    {
        var policy = PlaybookLoader.LoadDefault().StatusUpdates;

        Assert.Contains(DefaultCadence, PlaybookLoader.DefaultYaml, StringComparison.Ordinal);
        Assert.Equal(120, policy.MinutesFor("SEV1"));
        Assert.Equal(240, policy.MinutesFor("SEV2"));
        Assert.Null(policy.MinutesFor("SEV3"));
        Assert.Null(policy.MinutesFor(null));
    }

    [Fact]
    public void Parse_CadenceBelowMinimum_RejectedNamingTheField()
    {
        var ex = Rejected("    SEV1: 5\n    SEV2: 240\n");

        Assert.Contains(ex.Problems, p => p.Field == "statusUpdates.cadenceMinutes.SEV1");
    }

    [Fact]
    public void Parse_UnknownSeverity_RejectedNamingTheSection()
    {
        var ex = Rejected("    SEV1: 120\n    SEV9: 240\n");

        Assert.Contains(ex.Problems, p => p.Field.StartsWith("statusUpdates.cadenceMinutes", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_LowerSeverityPostedMoreOften_RejectedNamingIt()
    {
        var ex = Rejected("    SEV1: 120\n    SEV3: 60\n");

        var problem = Assert.Single(ex.Problems);
        Assert.Equal("statusUpdates.cadenceMinutes.SEV3", problem.Field);
        Assert.Contains("more often than SEV1", problem.Message, StringComparison.Ordinal);
    }
}
