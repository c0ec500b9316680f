using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Core.Tests.Incidents;

/// <summary>Evidence, record and e-mail failures that outlast their retries are recorded and raised; the incident goes on.</summary>
[Trait("Category", "Durable")]
public sealed class IncidentBookkeepingTests
{
    private const double Scale = 360_000;

    [Fact]
    public async Task RunAsync_EvidenceRecordAndMailKeepFailing_RunsToItsClocksWithEachFailureRecordedAndRaised()
    {
        await using var host = await IncidentTestHost.StartAsync(TestPlaybook.RevokeOnly());
        // Each fault outlasts the five attempts of its activity once; everything else works.
        host.Ledger.Refuse = entry => entry.Kind == EvidenceKinds.IncidentContained;
        host.Mail.Fail = message => message.Template == "incident-opened";
        var recordFailures = 0;
        host.Store.Fail = summary => summary.Status == IncidentStatus.Contained && Interlocked.Increment(ref recordFailures) <= 5;
        var id = await host.OpenAsync("inc-books-", new IncidentRuntime(Scale, 96, 1));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));

        var summary = await host.WaitForSummaryAsync(id, timeout.Token);

        Assert.Equal(IncidentStatus.Contained, summary.Status);
        var gdpr = Assert.Single(summary.Obligations, o => o.Regime == "gdpr-art33");
        Assert.All(gdpr.Checkpoints, c => Assert.NotNull(c.FiredAt));
        Assert.Equal(
            [BookkeepingStep.Notification, BookkeepingStep.Evidence, BookkeepingStep.IncidentRecord],
            summary.BookkeepingFailures.Select(f => f.Step));
        Assert.Equal(3, summary.BookkeepingFailureCount);
        Assert.All(summary.BookkeepingFailures, f => Assert.Equal(typeof(InvalidOperationException).FullName, f.ErrorType));

        var records = await host.Ledger.ReadAsync(id);
        Assert.DoesNotContain(records, r => r.Kind == EvidenceKinds.IncidentContained);
        var failed = records.Where(r => r.Kind == EvidenceKinds.BookkeepingFailed).Select(r => (string?)r.Payload!["step"]).ToList();
        Assert.Equal(["notification", "evidence", "incident-record"], failed);
        Assert.True(EvidenceVerifier.Verify(id, records).Verified);

        // The people hear of the evidence and record failures once each; a failed e-mail is not mailed about.
        var raised = host.Mail.Sent.Where(m => m.Template == "bookkeeping-failed").ToList();
        Assert.Equal(2, raised.Count);
        Assert.Contains(raised, m => m.Subject.Contains("evidence record 'incident.contained'", StringComparison.Ordinal));
        Assert.Contains(raised, m => m.Subject.Contains("incident record", StringComparison.Ordinal));
        Assert.Equal(IncidentStatus.Contained, host.Store.Rows[id].Status);
        Assert.Equal(3, host.Store.Rows[id].BookkeepingFailureCount);
    }
}
