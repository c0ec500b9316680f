using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Core.Tests.Incidents;

/// <summary>
/// A gate that cannot decide (here the kill switch cannot be read, through every retry) asks a person rather than let the
/// step run unchecked, whether the wave is gated by one activity (revision 3) or by one activity per step (before it).
/// </summary>
[Trait("Category", "Durable")]
public sealed class StepGateWaveTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Containment_GateCannotDecide_StepWaitsForAPersonAndIsNotCalled(int revision)
    {
        await using var host = await IncidentTestHost.StartAsync(TestPlaybook.RevokeOnly());
        host.KillSwitch.Broken = true;
        var id = await host.OpenAsync("inc-gatewave-", new IncidentRuntime(360_000, 96, 1), revision: revision);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        EvidenceRecord? gated = null;
        while (gated is null)
        {
            await Task.Delay(200, timeout.Token);
            gated = (await host.Ledger.ReadAsync(id, timeout.Token)).FirstOrDefault(r => r.Kind == EvidenceKinds.ContainmentGated);
        }

        Assert.Equal("gate-unavailable", (string?)gated.Payload!["reason"]);
        Assert.Equal(ContainmentActions.RevokeOAuthTokens, (string?)gated.Payload!["action"]);
        Assert.Contains(nameof(InvalidOperationException), (string?)gated.Payload!["detail"], StringComparison.Ordinal);
        Assert.Equal(0, host.Salesforce.Revocations);
        await host.Client.TerminateInstanceAsync(id, cancellation: timeout.Token);
    }
}
