using System.Collections.Concurrent;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.TestSupport.Orchestration;

public sealed class MemoryMail : IMailSender
{
    public ConcurrentQueue<EmailMessage> Sent { get; } = new();

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        Sent.Enqueue(message);
        return Task.CompletedTask;
    }
}
