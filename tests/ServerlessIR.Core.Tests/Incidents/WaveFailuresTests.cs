using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Incidents;

/// <summary>
/// Two steps of one wave fail for good together (Salesforce refuses every call). From revision 5 their evidence and
/// e-mails go out with one journal, so no incident record is written that shows one failure and not the other; revision 4
/// writes the record after each failure's own append and e-mail, which the same reading tells apart, so the check could
/// fail. Either way each failure is in the evidence once, each e-mail reached the people, and the chain verifies.
/// </summary>
[Trait("Category", "Durable")]
public sealed class WaveFailuresTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Containment_TwoStepsOfAWaveFailForGood_AreRecordedTogetherFromRevision5(int revision)
    {
        var playbook = PlaybookLoader.LoadDefault();
        playbook = playbook with
        {
            Containment = playbook.Containment with
            {
                // One wave: neither waits for the other.
                Steps = [.. playbook.Containment.Steps
                    .Where(s => s.Action is ContainmentActions.RevokeOAuthTokens or ContainmentActions.EndSessions)
                    .Select(s => s with { After = [] })],
            },
        };
        await using var host = await IncidentTestHost.StartAsync(playbook, new FakeSalesforce(permanent: true));
        var id = await host.OpenAsync("inc-wave-failures-", new IncidentRuntime(360_000, 96, 1), revision: revision);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        var summary = await host.WaitForSummaryAsync(id, timeout.Token);
        var records = await host.Ledger.ReadAsync(id, timeout.Token);

        var failed = records.Where(r => r.Kind == EvidenceKinds.ContainmentFailed).Select(r => (string?)r.Payload!["action"]).Order().ToList();
        Assert.Equal([ContainmentActions.EndSessions, ContainmentActions.RevokeOAuthTokens], failed);
        Assert.Equal(2, host.Mail.Sent.Count(m => m.Subject.StartsWith("Action needed: ", StringComparison.Ordinal) && m.Subject.Contains(" failed (" + id, StringComparison.Ordinal)));
        Assert.Equal(2, summary.Containment.Count(c => c.Status == ContainmentStatus.Failed));
        // A record written part-way through the wave's failures: one shown failed, the other not yet ended.
        var partWay = host.Store.Writes.Where(w => w.Id == id).Count(w => w.Containment.Count(c => c.Status == ContainmentStatus.Failed) == 1);
        if (revision >= 5)
        {
            Assert.Equal(0, partWay);
        }
        else
        {
            Assert.True(partWay > 0, "revision 4 writes the record after each failure");
        }
        Assert.True(EvidenceVerifier.Verify(id, records).Verified);
    }
}
