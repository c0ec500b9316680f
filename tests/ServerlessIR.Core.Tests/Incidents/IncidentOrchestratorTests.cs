using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Incidents;

/// <summary>The incident orchestration on the Durable Task in-process test host, under heavy time compression.</summary>
[Trait("Category", "Durable")]
public sealed class IncidentOrchestratorTests
{
    // 1 real second = 100 incident hours: the 72-hour GDPR clock plays out in under a second.
    private const double Scale = 360_000;


    private static async Task<(IncidentSummary Summary, MemoryLedger Ledger, MemoryMail Mail, FakeSalesforce Salesforce)> RunAsync(
        FakeSalesforce salesforce, double horizonHours = 96)
    {
        await using var host = await IncidentTestHost.StartAsync(TestPlaybook.RevokeOnly(), salesforce);
        var id = await host.OpenAsync("inc-test-", new IncidentRuntime(Scale, horizonHours, 1));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        return (await host.WaitForSummaryAsync(id, timeout.Token), host.Ledger, host.Mail, salesforce);
    }

    [Fact]
    public async Task RunAsync_SmokeTestSignal_RecordsEvidenceAndClosesWithoutAssessmentOrContainment()
    {
        var salesforce = new FakeSalesforce();
        await using var host = await IncidentTestHost.StartAsync(TestPlaybook.RevokeOnly(), salesforce);
        // Even a smoke-kind signal carrying a leak's facts must not reach assessment, clocks or containment.
        var id = await host.OpenAsync("smoke-test-", new IncidentRuntime(Scale, 96, 1),
            signal: incident => TestSignals.Leak(incident) with { Kind = SmokeTestSource.Kind });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        var summary = await host.WaitForSummaryAsync(id, timeout.Token);

        Assert.Equal(IncidentStatus.Closed, summary.Status);
        Assert.Null(summary.Severity);
        Assert.Empty(summary.Obligations);
        Assert.Empty(summary.Containment);
        Assert.Empty(host.Mail.Sent);
        Assert.Equal(0, salesforce.Revocations);
        var kinds = (await host.Ledger.ReadAsync(id)).Select(r => r.Kind).ToList();
        Assert.Equal(["signal.received", "smoke.closed"], kinds);
        Assert.True(EvidenceVerifier.Verify(id, await host.Ledger.ReadAsync(id)).Verified);
    }

    [Fact]
    public async Task RunAsync_LeakInHighRiskSystem_ContainsAndFiresGdprCheckpointsInOrder()
    {
        var (summary, ledger, mail, salesforce) = await RunAsync(new FakeSalesforce());

        Assert.Equal(IncidentStatus.Contained, summary.Status);
        Assert.Equal("SEV1", summary.Severity!.Level);
        var revoke = Assert.Single(summary.Containment);
        Assert.Equal(("salesforce.revoke-oauth-tokens", ContainmentStatus.Succeeded, 1), (revoke.Action, revoke.Status, revoke.Attempts));
        Assert.Equal(2, salesforce.Revocations);
        Assert.Contains(mail.Sent, m => m.Template == "incident-opened");

        var gdpr = Assert.Single(summary.Obligations, o => o.Regime == "gdpr-art33");
        Assert.All(gdpr.Checkpoints, c => Assert.NotNull(c.FiredAt));
        Assert.Equal(gdpr.Checkpoints.OrderBy(c => c.DueAt).Select(c => c.Name), gdpr.Checkpoints.OrderBy(c => c.FiredAt).Select(c => c.Name));
        Assert.All(gdpr.Checkpoints, c => Assert.True(c.FiredAt >= c.DueAt, $"{c.Name} fired {c.FiredAt} before due {c.DueAt}"));
        Assert.Contains(summary.Obligations, o => o.Regime == "eu-ai-act-art73");

        var fired = (await ledger.ReadAsync(summary.Id)).Where(r => r.Kind == "checkpoint.fired").Select(r => r.IncidentTime).ToList();
        Assert.Equal(fired.OrderBy(t => t), fired);
        Assert.True(EvidenceVerifier.Verify(summary.Id, await ledger.ReadAsync(summary.Id)).Verified);
    }

    [Fact]
    public async Task RunAsync_GdprDeadlinePassesWithoutSubmission_MarksLateAndEscalatesToExecutive()
    {
        var (summary, ledger, _, _) = await RunAsync(new FakeSalesforce());

        var gdpr = Assert.Single(summary.Obligations, o => o.Regime == "gdpr-art33");
        Assert.Equal(ObligationStatus.Late, gdpr.Status);
        var deadline = Assert.Single(gdpr.Checkpoints, c => c.Name == "deadline");
        Assert.Equal(LadderAction.EscalateExecutive, deadline.LadderAction);
        Assert.Contains(await ledger.ReadAsync(summary.Id), r => r.Kind == "checkpoint.fired" && r.Summary.Contains("gdpr-art33 deadline", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_SalesforceTransientlyDown_RetriesWithBackOffAndRevokesOnce()
    {
        var (summary, _, _, salesforce) = await RunAsync(new FakeSalesforce(transientFailures: 2), horizonHours: 1);

        var revoke = Assert.Single(summary.Containment);
        Assert.Equal(ContainmentStatus.Succeeded, revoke.Status);
        Assert.Equal(3, revoke.Attempts);
        Assert.Equal(2, salesforce.Revocations);
        Assert.Equal(IncidentStatus.Contained, summary.Status);
    }

    [Fact]
    public async Task RunAsync_PermanentSalesforceError_SurfacesFailureWithoutRetryingAndStaysContaining()
    {
        var (summary, ledger, mail, _) = await RunAsync(new FakeSalesforce(permanent: true), horizonHours: 1);

        var revoke = Assert.Single(summary.Containment);
        Assert.Equal((ContainmentStatus.Failed, 1), (revoke.Status, revoke.Attempts));
        Assert.Equal(IncidentStatus.Containing, summary.Status);
        Assert.Contains(mail.Sent, m => m.Template == "containment-failed");
        Assert.Contains(await ledger.ReadAsync(summary.Id), r => r.Kind == "containment.failed");
    }

    [Fact]
    public async Task RunAsync_HorizonBeforeLongClocks_LeavesThemScheduledWithoutFiring()
    {
        var (summary, _, _, _) = await RunAsync(new FakeSalesforce(), horizonHours: 30);

        var gdpr = Assert.Single(summary.Obligations, o => o.Regime == "gdpr-art33");
        Assert.NotNull(Assert.Single(gdpr.Checkpoints, c => c.Name == "24h").FiredAt);
        Assert.Null(Assert.Single(gdpr.Checkpoints, c => c.Name == "48h").FiredAt);
        var finalReport = Assert.Single(summary.Obligations, o => o.Regime == "nis2-final-report");
        Assert.Equal(ObligationStatus.Scheduled, finalReport.Status);
    }
}
