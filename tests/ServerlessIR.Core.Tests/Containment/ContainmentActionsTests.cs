using Microsoft.DurableTask;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Containment;

/// <summary>The action catalog names real activities, covers every containment activity, and knows every action a playbook uses.</summary>
public sealed class ContainmentActionsTests
{
    private static bool Is<TInput>(Type type) => typeof(TaskActivity<TInput, ContainmentOutcome>).IsAssignableFrom(type);

    [Fact]
    public void All_ActivityAndCompensation_TakeTheirInputs()
    {
        var wrong = ContainmentActions.All
            .Where(a => !Is<ContainmentRequest>(a.Activity) || (a.Compensation is { } undo && !Is<ContainmentCompensation>(undo)))
            .Select(a => a.Id)
            .ToList();

        Assert.True(wrong.Count == 0, "actions whose activity or compensation takes the wrong input: " + string.Join(", ", wrong));
    }

    [Fact]
    public void ActivityTypes_EveryContainmentActivityClassInCore_IsNamedByAnEntry()
    {
        var named = ContainmentActions.ActivityTypes.ToHashSet();

        var orphans = typeof(ContainmentActions).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && (Is<ContainmentRequest>(t) || Is<ContainmentCompensation>(t)) && !named.Contains(t))
            .Select(t => t.Name)
            .ToList();

        Assert.True(named.Count >= 12, $"only {named.Count} containment activities in the catalog");
        Assert.True(orphans.Count == 0, "containment activities no catalog entry names: " + string.Join(", ", orphans));
    }

    [Fact]
    public void All_DefaultPlaybookSteps_AreKnownActionsWithAnEffect()
    {
        var steps = PlaybookLoader.LoadDefault().Containment.Steps;

        Assert.NotEmpty(steps);
        Assert.All(steps, s => Assert.False(string.IsNullOrWhiteSpace(ContainmentActions.Get(s.Action).Effect)));
    }

    [Fact]
    public void EffectOf_KnownAction_IsItsEntrysEffect() =>
        Assert.Equal(ContainmentActions.Get(ContainmentActions.FreezeUser).Effect, ContainmentActions.EffectOf(ContainmentActions.FreezeUser));

    [Fact]
    public void EffectOf_UnknownAction_NamesTheAction() =>
        Assert.Contains("'salesforce.disable-connected-app'", ContainmentActions.EffectOf("salesforce.disable-connected-app"), StringComparison.Ordinal);

    [Fact]
    public void Get_UnknownAction_ThrowsNamingTheKnownOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => ContainmentActions.Get("salesforce.nope"));

        Assert.Contains(ContainmentActions.FreezeUser, ex.Message, StringComparison.Ordinal);
    }
}
