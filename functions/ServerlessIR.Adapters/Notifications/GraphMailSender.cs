using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.SendMail;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Adapters.Notifications;

/// <summary>
/// Sends e-mail as the notification mailbox through Graph <c>POST users/{sender}/sendMail</c> (application permission
/// Mail.Send, scoped to that mailbox with Exchange RBAC for applications). Not for bulk: Exchange caps a mailbox at
/// about 10,000 recipients a day, so customer notices use the bulk channel.
/// </summary>
public sealed class GraphMailSender : IMailSender
{
    /// <summary>Carries the idempotency key into the message, so a duplicate that slips through can be traced in the mailbox.</summary>
    public const string IdempotencyHeader = "X-ServerlessIR-Idempotency-Key";

    private readonly GraphServiceClient graph;

    public GraphMailSender(GraphServiceClient graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        this.graph = graph;
    }

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.From);
        if (message.To.Count == 0)
        {
            throw new ArgumentException("An e-mail needs at least one recipient.", nameof(message));
        }
        var body = new SendMailPostRequestBody
        {
            Message = new Message
            {
                Subject = message.Subject,
                Body = new ItemBody { ContentType = BodyType.Html, Content = message.HtmlBody },
                ToRecipients = message.To.Select(a => new Recipient { EmailAddress = new EmailAddress { Address = a } }).ToList(),
                InternetMessageHeaders = [new InternetMessageHeader { Name = IdempotencyHeader, Value = message.IdempotencyKey }],
            },
            SaveToSentItems = true,
        };
        await graph.Users[message.From].SendMail.PostAsync(body, cancellationToken: cancellationToken);
    }
}
