using ServerlessIR.Core.Notifications;
using ServerlessIR.TestSupport.Fakes;

namespace ServerlessIR.Core.Tests.Notifications;

public sealed class LedgeredMailSenderTests
{
    private sealed class CountingSender : IMailSender
    {
        public int Sent { get; private set; }
        public bool Fail { get; set; }

        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
        {
            if (Fail)
            {
                throw new HttpRequestException("transport down");
            }
            Sent++;
            return Task.CompletedTask;
        }
    }

    private static EmailMessage Message(string key) =>
        new("ir-bot@northwind.example", ["dpo@northwind.example"], "Subject", "<p>x</p>", key, "approval-request-email");

    [Fact]
    public async Task SendAsync_SameKeyTwice_SendsOnce()
    {
        var inner = new CountingSender();
        var ledger = new InMemoryNotificationLedger();
        var sender = new LedgeredMailSender(inner, ledger, TimeProvider.System);
        await sender.SendAsync(Message("inc-1/approval/freeze/tier-1"));
        await sender.SendAsync(Message("inc-1/approval/freeze/tier-1"));
        Assert.Equal(1, inner.Sent);
        Assert.Equal(NotificationState.Sent, (await ledger.GetAsync("inc-1/approval/freeze/tier-1"))!.State);
    }

    [Fact]
    public async Task SendAsync_DifferentKeys_SendsBoth()
    {
        var inner = new CountingSender();
        var sender = new LedgeredMailSender(inner, new InMemoryNotificationLedger(), TimeProvider.System);
        await sender.SendAsync(Message("k1"));
        await sender.SendAsync(Message("k2"));
        Assert.Equal(2, inner.Sent);
    }

    [Fact]
    public async Task SendAsync_AfterFailedAttempt_RetriesAndCountsAttempts()
    {
        var inner = new CountingSender { Fail = true };
        var ledger = new InMemoryNotificationLedger();
        var sender = new LedgeredMailSender(inner, ledger, TimeProvider.System);
        await Assert.ThrowsAsync<HttpRequestException>(() => sender.SendAsync(Message("k")));
        Assert.Equal(NotificationState.Sending, (await ledger.GetAsync("k"))!.State);
        inner.Fail = false;
        await sender.SendAsync(Message("k"));
        var entry = (await ledger.GetAsync("k"))!;
        Assert.Equal(NotificationState.Sent, entry.State);
        Assert.Equal(2, entry.Attempts);
        Assert.Equal(1, inner.Sent);
    }
}
