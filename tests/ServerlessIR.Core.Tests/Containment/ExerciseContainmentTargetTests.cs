using System.Text.Json;
using Microsoft.DurableTask;
using Moq;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Salesforce;

namespace ServerlessIR.Core.Tests.Containment;

/// <summary>An exercise's containment asks only for the playbook's exercise org, never a production one.</summary>
public sealed class ExerciseContainmentTargetTests
{
    private static readonly Playbook Playbook = PlaybookLoader.LoadDefault();

    public static TheoryData<string> SalesforceActions() =>
    [
        ContainmentActions.RevokeOAuthTokens, ContainmentActions.EndSessions, ContainmentActions.FreezeUser,
        ContainmentActions.RemoveAiPermissions, ContainmentActions.EnableBreakGlassPolicy,
    ];

    private static ContainmentRequest Request(string action, bool exercise) =>
        new("exr-20261130-abc", 1, action, "northwind-prod", "bnpl-credit-scoring", "p/1", null, null, exercise);

    private static async Task<List<string>> OrgsAskedAsync(string action, bool exercise, Playbook playbook)
    {
        var asked = new List<string>();
        var client = new Mock<ISalesforceClient>();
        // Nothing found: each step stops at its first lookup, after it has chosen its org.
        client.Setup(c => c.QueryAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(Array.Empty<JsonElement>());
        var factory = new Mock<ISalesforceClientFactory>();
        factory.Setup(f => f.ForOrg(It.IsAny<string>())).Callback<string>(asked.Add).Returns(client.Object);
        var activityType = ContainmentActions.Get(action).Activity;
        var ctor = activityType.GetConstructors().Single();
        var args = ctor.GetParameters().Select(p =>
            p.ParameterType == typeof(ISalesforceClientFactory) ? factory.Object
            : p.ParameterType == typeof(IPlaybookProvider) ? new StaticPlaybookProvider(playbook)
            : ((Mock)Activator.CreateInstance(typeof(Mock<>).MakeGenericType(p.ParameterType))!).Object).ToArray();
        var activity = (ITaskActivity)ctor.Invoke(args);
        try
        {
            await activity.RunAsync(Mock.Of<TaskActivityContext>(), Request(action, exercise));
        }
        catch (Exception ex) when (ex is PermanentContainmentException or NullReferenceException or InvalidOperationException or KeyNotFoundException)
        {
        }
        return asked;
    }

    [Theory]
    [MemberData(nameof(SalesforceActions))]
    public async Task RunAsync_ExerciseStep_AsksOnlyForTheExerciseOrg(string action)
    {
        var asked = await OrgsAskedAsync(action, exercise: true, Playbook);

        Assert.NotEmpty(asked);
        Assert.All(asked, org => Assert.Equal("northwind-exercise", org));
    }

    [Theory]
    [MemberData(nameof(SalesforceActions))]
    public async Task RunAsync_RealStep_AsksForTheIncidentsOrg(string action)
    {
        var asked = await OrgsAskedAsync(action, exercise: false, Playbook);

        Assert.All(asked, org => Assert.Equal("northwind-prod", org));
    }

    [Fact]
    public void OrgId_ExerciseWithoutExerciseOrg_PermanentFailureNotProduction()
    {
        var playbook = Playbook with { Exercise = new ExerciseSettings() };
        var system = playbook.FindAiSystem("bnpl-credit-scoring")!;

        var ex = Assert.Throws<PermanentContainmentException>(() => SalesforceTargets.OrgId(playbook, Request(ContainmentActions.FreezeUser, true), system));

        Assert.Contains("never acts on production", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ContainmentActions.RotateSecret)]
    [InlineData(ContainmentActions.AiFeatureFallback)]
    public void RefuseOutsideSalesforceInExercise_ExerciseStepOutsideSalesforce_Held(string action)
    {
        Assert.Throws<ContainmentHeldException>(() => SalesforceTargets.RefuseOutsideSalesforceInExercise(Request(action, true), "production"));
        SalesforceTargets.RefuseOutsideSalesforceInExercise(Request(action, false), "production");
    }

    private static PlanIncidentInput PlanInput(bool exercise) => new("exr-20261130-abc", new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero),
    [
        new Signal
        {
            Id = "s1", Source = "serverlessir", Kind = "ai-data-leak", OccurredAt = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero),
            OrgId = "northwind-prod", AiSystemId = "bnpl-credit-scoring", DataCategories = ["contact", "financial"], SubjectCount = 1000,
            Exercise = exercise, PayloadRef = "p/1", Summary = "EXERCISE: test leak",
        },
    ]);

    [Theory]
    [InlineData(true, "northwind-exercise")]
    [InlineData(false, "northwind-prod")]
    public void Plan_ExerciseOrRealSignals_NamesTheOrgTheStepsActOn(bool exercise, string expected)
    {
        var plan = PlanIncidentActivity.Plan(Playbook, PlanInput(exercise));

        Assert.Equal(expected, plan.OrgId);
    }

    [Fact]
    public void Plan_ExerciseWithoutExerciseOrg_NamesNoOrgRatherThanProduction()
    {
        var playbook = Playbook with { Exercise = Playbook.Exercise with { Salesforce = null } };

        var plan = PlanIncidentActivity.Plan(playbook, PlanInput(exercise: true));

        Assert.Null(plan.OrgId);
    }
}
