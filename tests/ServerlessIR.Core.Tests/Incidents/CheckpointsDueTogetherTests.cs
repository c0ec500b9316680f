using System.Collections.Concurrent;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Core.Tests.Incidents;

/// <summary>
/// From revision 3 the checkpoints due at one wake fire in one step: no incident record is written between two checkpoints
/// due at the same moment (GDPR's and NIS2's, here), and each still fires once with its evidence. Revision 2 fires them one
/// step each, which the same reading tells apart, so the check could fail.
/// </summary>
[Trait("Category", "Durable")]
public sealed class CheckpointsDueTogetherTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ClockWatch_CheckpointsDueAtOneMoment_FireInOneStepFromRevision3(int revision)
    {
        await using var host = await IncidentTestHost.StartAsync(TestPlaybook.RevokeOnly());
        var writes = new ConcurrentQueue<IncidentSummary>();
        host.Store.Fail = summary =>
        {
            writes.Enqueue(summary);
            return false;
        };
        var id = await host.OpenAsync("inc-together-", new IncidentRuntime(360_000, 96, 1), revision: revision);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));

        var summary = await host.WaitForSummaryAsync(id, timeout.Token);

        var checkpoints = summary.Obligations.SelectMany(o => o.Checkpoints.Select(c => (o.Regime, o.Recipient, c.Name, c.DueAt, c.FiredAt))).ToList();
        var shared = checkpoints.Where(c => c.FiredAt is not null).GroupBy(c => c.DueAt).Where(g => g.Count() > 1).ToList();
        Assert.NotEmpty(shared);
        // A record written part-way through a moment's checkpoints: one of them shown fired, another due then not yet.
        var partWay = writes.Where(w => w.Id == id).Count(w =>
        {
            var states = w.Obligations.SelectMany(o => o.Checkpoints).ToList();
            return shared.Any(g => states.Any(c => c.DueAt == g.Key && c.FiredAt is not null) && states.Any(c => c.DueAt == g.Key && c.FiredAt is null));
        });
        if (revision >= 3)
        {
            Assert.Equal(0, partWay);
        }
        else
        {
            Assert.True(partWay > 0, "revision 2 writes the record after each checkpoint's own step");
        }

        var fired = (await host.Ledger.ReadAsync(id)).Where(r => r.Kind == EvidenceKinds.CheckpointFired)
            .Select(r => ((string?)r.Payload!["regime"], (string?)r.Payload!["recipient"], (string?)r.Payload!["checkpoint"])).ToList();
        Assert.Equal(checkpoints.Count(c => c.FiredAt is not null), fired.Count);
        Assert.Equal(fired.Count, fired.Distinct().Count());
        Assert.True(EvidenceVerifier.Verify(id, await host.Ledger.ReadAsync(id)).Verified);
    }
}
