namespace ServerlessIR.Core.Notifications;

/// <summary>Sends e-mail (in Azure: Graph <c>users/{sender}/sendMail</c>).</summary>
public interface IMailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
