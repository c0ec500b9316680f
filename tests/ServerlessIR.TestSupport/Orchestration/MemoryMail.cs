using System.Collections.Concurrent;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.TestSupport.Orchestration;

public sealed class MemoryMail : IMailSender
{
    public ConcurrentQueue<EmailMessage> Sent { get; } = new();

    /// <summary>Messages that fail to send (null fails none).</summary>
    public Func<EmailMessage, bool>? Fail { get; set; }

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        if (Fail?.Invoke(message) == true) throw new InvalidOperationException("mail relay unavailable (test fault)");
        Sent.Enqueue(message);
        return Task.CompletedTask;
    }
}
