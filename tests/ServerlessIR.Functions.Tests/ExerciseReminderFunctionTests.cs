using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessIR.Core.Exercises;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Functions.Tests;

/// <summary>The Functions app's reminder timer class, over the default playbook's calendar (Q4 due 6 November).</summary>
public sealed class ExerciseReminderFunctionTests
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class Incidents(params IncidentSummary[] rows) : IIncidentStore
    {
        public Task UpsertAsync(IncidentSummary incident, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<IncidentSummary?> GetAsync(string incidentId, CancellationToken cancellationToken = default) =>
            Task.FromResult(rows.FirstOrDefault(r => r.Id == incidentId));

        public Task<IReadOnlyList<IncidentSummary>> ListAsync(int skip, int take, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<IncidentSummary>>([.. rows.OrderByDescending(r => r.OpenedAt).Skip(skip).Take(take)]);
    }

    private sealed class Outbox : IMailSender
    {
        public List<EmailMessage> Sent { get; } = [];

        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
        {
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }

    private static async Task<Outbox> RunAsync(string now, params IncidentSummary[] incidents)
    {
        var outbox = new Outbox();
        var service = new ExerciseReminderService(new StaticPlaybookProvider(PlaybookLoader.LoadDefault()), new Incidents(incidents), outbox,
            new Clock(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture)));
        await new ExerciseReminderFunction(service, NullLogger<ExerciseReminderFunction>.Instance).Run(new TimerInfo(), CancellationToken.None);
        return outbox;
    }

    private static IncidentSummary Incident(string id, string openedAt) =>
        new() { Id = id, OpenedAt = DateTimeOffset.Parse(openedAt, CultureInfo.InvariantCulture) };

    [Fact]
    public async Task Run_Q4ExerciseDueAndNoneHeld_RemindsTheOwnersNamingBlackFriday()
    {
        var outbox = await RunAsync("2026-10-30T08:00:00Z", Incident("inc-20261028-aaa", "2026-10-28T10:00:00Z"));

        var mail = Assert.Single(outbox.Sent);
        Assert.Contains("soc@northwind.example", mail.To);
        Assert.Contains("Black Friday", mail.Subject, StringComparison.Ordinal);
        Assert.Equal("exercise-reminder/2026-Q4/due", mail.IdempotencyKey);
    }

    [Fact]
    public async Task Run_ExerciseHeldThisQuarter_NoReminder()
    {
        var outbox = await RunAsync("2026-10-30T08:00:00Z", Incident("exr-20261015-aaa", "2026-10-15T10:00:00Z"), Incident("inc-20261028-aaa", "2026-10-28T10:00:00Z"));

        Assert.Empty(outbox.Sent);
    }

    [Fact]
    public async Task Run_OutsideEveryWindow_NoReminder()
    {
        var outbox = await RunAsync("2026-07-01T08:00:00Z");

        Assert.Empty(outbox.Sent);
    }
}
