using Microsoft.DurableTask.Client;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Incidents;

/// <summary>
/// Status posts, the executive brief and the follow-up card through the orchestration on the in-process durable host, at a
/// time scale. The host replays the orchestration at every turn, so posts numbered 1..n once each, on the cadence's grid,
/// also show the desk is deterministic on replay.
/// </summary>
[Trait("Category", "Durable")]
public sealed class StatusUpdatesTests
{
    private static readonly IReadOnlyDictionary<string, int> Hourly = new Dictionary<string, int>
    {
        ["SEV1"] = 60, ["SEV2"] = 60, ["SEV3"] = 60, ["SEV4"] = 60,
    };

    private static readonly IReadOnlyDictionary<string, int> None = new Dictionary<string, int>();

    /// <summary>Incidents with no obligation (no EU establishment, a signal naming no country) and no seeded task.</summary>
    private static Playbook Quiet(IReadOnlyDictionary<string, int> cadence)
    {
        var basis = TestPlaybook.RevokeOnly();
        return basis with
        {
            Organisation = basis.Organisation with { EuMainEstablishment = null, Nis2Entity = false },
            Ingestion = basis.Ingestion with { CorrelationWindowHours = 1 },
            FollowUp = new FollowUpPolicy { Tasks = [] },
            StatusUpdates = new StatusUpdatePolicy { CadenceMinutes = cadence },
        };
    }

    private static Signal QuietSignal(string id) => new()
    {
        Id = id,
        Source = "test",
        Kind = "ai-data-leak",
        OccurredAt = DateTimeOffset.UtcNow,
        OrgId = "northwind-prod",
        DataCategories = ["contact"],
        SubjectCount = 10,
        Summary = "quiet leak",
        PayloadRef = "blob:raw-alerts/" + id,
        Trust = SourceTrust.Trusted,
    };

    [Fact]
    public async Task RingAsync_OpenIncidentAtScale_PostsOncePerIncidentHourToChannelAndOwners()
    {
        await using var host = await IncidentTestHost.StartAsync(Quiet(Hourly));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        var id = await host.OpenAsync("inc-status-", new IncidentRuntime(3600, HorizonHours: 1, AwaitClosure: true), signal: QuietSignal);

        IReadOnlyList<EvidenceRecord> posts;
        while ((posts = [.. (await host.Ledger.ReadAsync(id, timeout.Token)).Where(r => r.Kind == EvidenceKinds.StatusPosted)]).Count < 4)
        {
            await Task.Delay(50, timeout.Token);
        }
        await host.Client.TerminateInstanceAsync(id, cancellation: timeout.Token);

        var opened = host.Store.Rows[id].OpenedAt;
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(i + 1, posts[i].Payload?["sequence"]?.GetValue<int>());
            // On the grid, give or take the engine's real seconds of work before the post (counted at real speed).
            var late = posts[i].IncidentTime - opened.AddHours(i + 1);
            Assert.True(late >= TimeSpan.Zero && late < TimeSpan.FromMinutes(5), $"post {i + 1} at {posts[i].IncidentTime}, {late} after its hour");
        }
        var cards = host.People.Cards.Where(c => c.Template == NoticeTemplates.InternalStatusCard).Select(c => c.IdempotencyKey).ToList();
        Assert.Equal(cards.Distinct().Count(), cards.Count);
        Assert.Contains($"{id}/status/1/card", cards);
        Assert.Contains(host.Mail.Sent, m => m.IdempotencyKey == $"{id}/status/1/email" && m.To.Contains("dpo@northwind.example"));
    }

    [Fact]
    public async Task RingAsync_SeverityWithoutCadence_PostsNothing()
    {
        await using var host = await IncidentTestHost.StartAsync(Quiet(None));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        var id = await host.OpenAsync("inc-nostatus-", new IncidentRuntime(3600, HorizonHours: 1, AwaitClosure: true), signal: QuietSignal);
        while (host.Store.Rows.GetValueOrDefault(id)?.Timeline.Any(t => t.Kind == EvidenceKinds.IncidentReviewDue) != true)
        {
            await Task.Delay(50, timeout.Token);
        }
        // Three incident hours of the closure wait, at 3600: three real seconds.
        var waitedUntil = (await host.Client.GetInstanceAsync(id, timeout.Token))!.LastUpdatedAt.AddSeconds(3);
        while (DateTimeOffset.UtcNow < waitedUntil)
        {
            await Task.Delay(100, timeout.Token);
        }
        await host.Client.TerminateInstanceAsync(id, cancellation: timeout.Token);

        Assert.DoesNotContain(await host.Ledger.ReadAsync(id, timeout.Token), r => r.Kind == EvidenceKinds.StatusPosted);
        Assert.DoesNotContain(host.People.Cards, c => c.Template == NoticeTemplates.InternalStatusCard);
    }

    [Fact]
    public async Task FireAsync_EscalateExecutiveDeadline_SendsBriefWithFinesAndFallback()
    {
        await using var host = await IncidentTestHost.StartAsync(TestPlaybook.RevokeOnly() with
        {
            FollowUp = new FollowUpPolicy { Tasks = [] },
            StatusUpdates = new StatusUpdatePolicy { CadenceMinutes = None },
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(300));
        var id = await host.OpenAsync("inc-brief-", new IncidentRuntime(360_000, HorizonHours: 80, HumanWaitFloorSeconds: 1));
        await host.WaitForSummaryAsync(id, timeout.Token);

        var records = await host.Ledger.ReadAsync(id, timeout.Token);
        var brief = records.First(r => r.Kind == EvidenceKinds.ExecutiveBriefSent);
        var fired = records.Take(records.ToList().IndexOf(brief)).Last(r => r.Kind == EvidenceKinds.CheckpointFired);
        Assert.Equal("escalate-executive", fired.Payload?["ladderAction"]?.GetValue<string>());
        Assert.Contains("GDPR up to EUR 20,000,000 or 4% of turnover", brief.Summary, StringComparison.Ordinal);
        Assert.Contains("does not include the fallback", brief.Payload?["fallbackState"]?.GetValue<string>(), StringComparison.Ordinal);
        var mail = Assert.Single(host.Mail.Sent, m => m.IdempotencyKey == $"{id}/executive-brief/1/email");
        Assert.Contains("ciso@northwind.example", mail.To);
        Assert.Contains("Art. 83(4)(a) and 83(5)(a)", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowUpAsync_TierApproves_CardSaysWhoDecidedWhatAndWhen()
    {
        await using var host = await IncidentTestHost.StartAsync(GatedPlaybook());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(300));
        var id = await OpenUntilAskedAsync(host, "inc-followup-", timeout.Token);
        const string Action = ContainmentActions.RevokeOAuthTokens;
        var decidedAt = DateTimeOffset.UtcNow;
        var decision = new ApprovalDecision
        {
            IncidentId = id, ActionId = Action, Tier = "security-lead", Purpose = ApprovalPurpose.Approval,
            Outcome = ApprovalOutcome.Approved, DecidedBy = "security-lead@northwind.example", DecidedAt = decidedAt, TokenId = "test-1",
        };
        await host.Client.RaiseEventAsync(id, decision.EventName, decision, timeout.Token);
        await host.WaitForSummaryAsync(id, timeout.Token);

        var card = Assert.Single(host.People.Cards, c => c.Template == NoticeTemplates.ApprovalFollowUpCard);
        Assert.Equal($"{id}/approval-follow-up/1/card", card.IdempotencyKey);
        Assert.Contains($"Approved: {Action}", card.CardJson, StringComparison.Ordinal);
        Assert.Contains("security-lead@northwind.example", card.CardJson, StringComparison.Ordinal);
        Assert.Contains(decidedAt.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), card.CardJson, StringComparison.Ordinal);
        var kinds = (await host.Ledger.ReadAsync(id, timeout.Token)).Select(r => r.Kind).ToList();
        Assert.True(kinds.IndexOf(EvidenceKinds.ApprovalFollowUpPosted) > kinds.IndexOf(EvidenceKinds.ApprovalDecided), string.Join(", ", kinds));
    }

    [Fact]
    public async Task TwoPersonRejected_DuringAWait_RecordedAndTheChannelToldWhoRefusedWhat()
    {
        await using var host = await IncidentTestHost.StartAsync(GatedPlaybook());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(300));
        var id = await OpenUntilAskedAsync(host, "inc-refused-", timeout.Token);
        var refusedAt = DateTimeOffset.UtcNow;
        await host.Client.RaiseEventAsync(id, IncidentEvent.Name, new TwoPersonRejectedEvent(new TwoPersonRejection("req-1", IncidentEvent.Kinds.FalsePositive,
            "Declare a false positive: a scheduled backup", "soc@northwind.example", "dpo@northwind.example", "The IP is not ours", refusedAt)), timeout.Token);
        await host.WaitForSummaryAsync(id, timeout.Token);

        var records = await host.Ledger.ReadAsync(id, timeout.Token);
        var refused = Assert.Single(records, r => r.Kind == EvidenceKinds.TwoPersonRejected);
        Assert.Equal("approver:dpo@northwind.example", refused.Actor);
        Assert.Equal("soc@northwind.example", refused.Payload?["requestedBy"]?.GetValue<string>());
        Assert.Equal("The IP is not ours", refused.Payload?["reason"]?.GetValue<string>());
        var card = Assert.Single(host.People.Cards, c => c.Template == NoticeTemplates.ApprovalFollowUpCard);
        Assert.Contains("Rejected: false-positive (two-person request)", card.CardJson, StringComparison.Ordinal);
        Assert.Contains("dpo@northwind.example", card.CardJson, StringComparison.Ordinal);
        Assert.Contains("soc@northwind.example", card.CardJson, StringComparison.Ordinal);
        // Nothing else: no false positive was declared.
        Assert.DoesNotContain(records, r => r.Kind == EvidenceKinds.EventRefused);
        Assert.NotEqual(IncidentStatus.FalsePositive, (await host.WaitForSummaryAsync(id, timeout.Token)).Status);
    }

    /// <summary>The test playbook with every step behind an approval, no follow-up tasks and no status cadence.</summary>
    private static Playbook GatedPlaybook()
    {
        var basis = TestPlaybook.RevokeOnly();
        return basis with
        {
            Containment = basis.Containment with { Steps = [.. basis.Containment.Steps.Select(s => s with { Approval = "required" })] },
            FollowUp = new FollowUpPolicy { Tasks = [] },
            StatusUpdates = new StatusUpdatePolicy { CadenceMinutes = None },
        };
    }

    /// <summary>Opens an incident and waits until the security lead's card for the token revocation is posted.</summary>
    private static async Task<string> OpenUntilAskedAsync(IncidentTestHost host, string prefix, CancellationToken cancellationToken)
    {
        var id = await host.OpenAsync(prefix, new IncidentRuntime(360_000, HorizonHours: 1, HumanWaitFloorSeconds: 30));
        while (!host.People.Cards.Any(c => c.IdempotencyKey == $"{id}/approval/{ContainmentActions.RevokeOAuthTokens}/security-lead/card"))
        {
            await Task.Delay(50, cancellationToken);
        }
        return id;
    }
}
