using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Exercises;

/// <summary>An exercise's submissions, register rows and playbook section stay apart from the real ones.</summary>
public sealed class ExerciseRecordsTests
{
    [Fact]
    public void Holds_ExerciseAndRealIncidents_EachOnlyInItsOwnRegister()
    {
        Assert.True(BreachRegister.Holds("inc-20261130-abc", exercises: false));
        Assert.False(BreachRegister.Holds("exr-20261130-abc", exercises: false));
        Assert.True(BreachRegister.Holds("exr-20261130-abc", exercises: true));
        Assert.False(BreachRegister.Holds("inc-20261130-abc", exercises: true));
    }

    [Fact]
    public void Build_ExerciseExport_ManifestAndTitleSayExercise()
    {
        var content = EvidenceExportContent.Build("exr-20261130-abc", [], [], DateTimeOffset.UnixEpoch);

        Assert.True(content.Manifest.Exercise);
        Assert.False(EvidenceExportContent.Build("inc-20261130-abc", [], [], DateTimeOffset.UnixEpoch).Manifest.Exercise);
    }

    [Fact]
    public void Parse_ExerciseOrgIsAProductionOrg_ProblemNamesTheField()
    {
        var yaml = PlaybookLoader.DefaultYaml.Replace("    id: northwind-exercise", "    id: northwind-prod", StringComparison.Ordinal);

        var ex = Assert.Throws<PlaybookLoadException>(() => PlaybookLoader.Parse(yaml, "test.yaml"));

        Assert.Contains("exercise.salesforce.id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDefault_ExerciseSection_SandboxOwnersAndFourQuarters()
    {
        var exercise = PlaybookLoader.LoadDefault().Exercise;

        Assert.Equal("northwind-exercise", exercise.Salesforce?.Id);
        Assert.NotEmpty(exercise.Owners);
        Assert.Equal([1, 2, 3, 4], exercise.Calendar.Exercises.Select(e => e.Quarter));
    }
}
