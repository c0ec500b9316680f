using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Incidents;

/// <summary>
/// Tasks and closure through the orchestration on the in-process durable host, at a time scale: a seeded task's owner is
/// reminded before its due time and the incident's owners are told after it; a close is refused while a task is open and
/// ends the incident <c>Closed</c> with its review once the task is waived.
/// </summary>
[Trait("Category", "Durable")]
public sealed class IncidentLifecycleTests
{
    private const double Scale = 3600;

    /// <summary>A playbook whose incidents have no obligation (no EU establishment, no NIS2, a signal naming no country) and one seeded task.</summary>
    private static Playbook Quiet(double dueHours)
    {
        var basis = TestPlaybook.RevokeOnly();
        return basis with
        {
            Organisation = basis.Organisation with { EuMainEstablishment = null, Nis2Entity = false },
            Ingestion = basis.Ingestion with { CorrelationWindowHours = 1 },
            FollowUp = new FollowUpPolicy { RemindBeforeHours = 1, Tasks = [new FollowUpTask("Rotate the certificate", "dpo", dueHours)] },
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
    public async Task WatchAsync_TaskLeftOpenAtScale_RemindsOwnerThenEscalatesToOwners()
    {
        // Awaiting closure, as the deployed app does: the incident stays open after its clocks, so the task timers run on.
        await using var host = await IncidentTestHost.StartAsync(Quiet(dueHours: 3));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        var id = await host.OpenAsync("inc-task-", new IncidentRuntime(Scale, HorizonHours: 1, AwaitClosure: true), signal: QuietSignal);

        IncidentTask? task;
        while ((task = host.Store.Rows.GetValueOrDefault(id)?.Tasks.SingleOrDefault()) is not { EscalatedAt: not null })
        {
            await Task.Delay(50, timeout.Token);
        }

        var kinds = (await host.Ledger.ReadAsync(id, timeout.Token)).Select(r => r.Kind).ToList();
        var created = kinds.IndexOf(EvidenceKinds.TaskCreated);
        var reminded = kinds.IndexOf(EvidenceKinds.TaskReminded);
        var escalated = kinds.IndexOf(EvidenceKinds.TaskEscalated);
        Assert.True(created >= 0 && reminded > created && escalated > reminded, string.Join(", ", kinds));
        Assert.Equal(IncidentTaskStatus.Open, task.Status);
        Assert.NotNull(task.RemindedAt);
        Assert.True(task.EscalatedAt >= task.Due, $"escalated at {task.EscalatedAt}, due {task.Due}");
        Assert.True(task.RemindedAt < task.Due, $"reminded at {task.RemindedAt}, due {task.Due}");
        Assert.Contains(host.Mail.Sent, m => m.To.Contains("dpo@northwind.example") && m.Subject.StartsWith("Reminder", StringComparison.Ordinal));
        Assert.Contains(host.Mail.Sent, m => m.Subject.StartsWith("Overdue task", StringComparison.Ordinal));
        var instance = await host.Client.GetInstanceAsync(id, timeout.Token);
        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Running, instance!.RuntimeStatus);
        await host.Client.TerminateInstanceAsync(id, cancellation: timeout.Token);
    }

    [Fact]
    public async Task CloseAsync_OpenTaskThenWaived_RefusedThenClosedWithReview()
    {
        await using var host = await IncidentTestHost.StartAsync(Quiet(dueHours: 500));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        var id = await host.OpenAsync("inc-close-", new IncidentRuntime(Scale, HorizonHours: 2, AwaitClosure: true), signal: QuietSignal);
        while (host.Store.Rows.GetValueOrDefault(id)?.Timeline.Any(t => t.Kind == EvidenceKinds.IncidentReviewDue) != true)
        {
            await Task.Delay(50, timeout.Token);
        }
        var review = new IncidentReview("An integration user held a bulk export permission", "Permission removed", [], "dpo@northwind.example");

        await host.Client.RaiseEventAsync(id, IncidentEvent.Name, SecondedEvents.Seconded(id, new CloseRequestedEvent(review)), timeout.Token);
        while (!(await host.Ledger.ReadAsync(id, timeout.Token)).Any(r => r.Kind == EvidenceKinds.EventRefused))
        {
            await Task.Delay(50, timeout.Token);
        }
        await host.Client.RaiseEventAsync(id, IncidentEvent.Name,
            new TaskResolvedEvent(new TaskResolution("seed-1", IncidentTaskStatus.Waived, "dpo@northwind.example", "Certificate retired instead")), timeout.Token);
        await host.Client.RaiseEventAsync(id, IncidentEvent.Name, SecondedEvents.Seconded(id, new CloseRequestedEvent(review)), timeout.Token);
        var summary = await host.WaitForSummaryAsync(id, timeout.Token);

        var records = await host.Ledger.ReadAsync(id, timeout.Token);
        Assert.Contains("task seed-1", Assert.Single(records, r => r.Kind == EvidenceKinds.EventRefused).Summary, StringComparison.Ordinal);
        var reviewed = Assert.Single(records, r => r.Kind == EvidenceKinds.IncidentReviewed);
        Assert.Equal("Permission removed", reviewed.Payload?["controlChanges"]?.GetValue<string>());
        Assert.Equal(EvidenceKinds.IncidentClosed, records[^1].Kind);
        Assert.Equal(IncidentStatus.Closed, summary.Status);
        Assert.Equal("An integration user held a bulk export permission", summary.Review?.RootCause);
        Assert.Equal(IncidentTaskStatus.Waived, Assert.Single(summary.Tasks).Status);
    }

    [Fact]
    public async Task CloseAsync_WithoutSecondPerson_RefusedAndStillOpen()
    {
        await using var host = await IncidentTestHost.StartAsync(Quiet(dueHours: 500) with { FollowUp = new FollowUpPolicy { Tasks = [] } });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        var id = await host.OpenAsync("inc-close1-", new IncidentRuntime(Scale, HorizonHours: 2, AwaitClosure: true), signal: QuietSignal);
        while (host.Store.Rows.GetValueOrDefault(id)?.Timeline.Any(t => t.Kind == EvidenceKinds.IncidentReviewDue) != true)
        {
            await Task.Delay(50, timeout.Token);
        }

        await host.Client.RaiseEventAsync(id, IncidentEvent.Name,
            new CloseRequestedEvent(new IncidentReview("cause", "controls", [], "dpo@northwind.example")), timeout.Token);
        while (!(await host.Ledger.ReadAsync(id, timeout.Token)).Any(r => r.Kind == EvidenceKinds.EventRefused))
        {
            await Task.Delay(50, timeout.Token);
        }

        Assert.DoesNotContain(await host.Ledger.ReadAsync(id, timeout.Token), r => r.Kind == EvidenceKinds.IncidentReviewed);
        var instance = await host.Client.GetInstanceAsync(id, timeout.Token);
        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Running, instance!.RuntimeStatus);
        await host.Client.TerminateInstanceAsync(id, cancellation: timeout.Token);
    }
}
