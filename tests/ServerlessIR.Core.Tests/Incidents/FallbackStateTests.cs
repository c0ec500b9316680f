using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Core.Tests.Incidents;

public sealed class FallbackStateTests
{
    [Fact]
    public void Describe_Switched_SaysSwitchedAndHealthy() =>
        Assert.StartsWith("Switched to its fallback; the fallback's health probe passed",
            FallbackState.Describe([new ContainmentSummary(FallbackState.Action, ContainmentStatus.Succeeded, 1, "mode manual-review")], planned: true),
            StringComparison.Ordinal);

    [Fact]
    public void Describe_HeldOnUnhealthyProbe_SaysNotSwitched() =>
        Assert.StartsWith("Not switched: the step is held (Held: the health probe",
            FallbackState.Describe([new ContainmentSummary(FallbackState.Action, ContainmentStatus.Held, 1, "Held: the health probe failed")], planned: true),
            StringComparison.Ordinal);

    [Fact]
    public void Describe_NotInThePlan_SaysSeverityHasNoFallback() =>
        Assert.Contains("does not include the fallback", FallbackState.Describe([], planned: false), StringComparison.Ordinal);

    [Fact]
    public void Describe_UndoneAfterFalsePositive_SaysSwitchedBack() =>
        Assert.StartsWith("Switched back",
            FallbackState.Describe([new ContainmentSummary(FallbackState.Action, ContainmentStatus.Succeeded, 1) { Undo = UndoStatus.Undone }], planned: true),
            StringComparison.Ordinal);
}
