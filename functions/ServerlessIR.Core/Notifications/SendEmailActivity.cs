using System.Net;
using System.Text;
using Microsoft.DurableTask;

namespace ServerlessIR.Core.Notifications;

/// <summary>Sends one e-mail through <see cref="IMailSender"/> (Microsoft Graph in Azure and locally against the stand-in).</summary>
/// <remarks>Runs at least once; the sender's ledger keyed by <see cref="NotificationRequest.IdempotencyKey"/> keeps a retry from resending.</remarks>
[DurableTask(nameof(SendEmailActivity))]
public sealed class SendEmailActivity(IMailSender mail) : TaskActivity<NotificationRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, NotificationRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var message = new EmailMessage(input.Sender, input.To, input.Subject, RenderBody(input), input.IdempotencyKey, input.Template);
        await mail.SendAsync(message);
        return true;
    }

    private static string RenderBody(NotificationRequest input)
    {
        var html = new StringBuilder();
        html.Append("<html><body style=\"font-family:system-ui,sans-serif\">");
        html.Append("<h2>").Append(WebUtility.HtmlEncode(input.Subject)).Append("</h2><table>");
        foreach (var (name, value) in input.Fields)
        {
            html.Append("<tr><th align=\"left\">").Append(WebUtility.HtmlEncode(name)).Append("</th><td>")
                .Append(WebUtility.HtmlEncode(value)).Append("</td></tr>");
        }
        html.Append("</table><p>Incident ").Append(WebUtility.HtmlEncode(input.IncidentId)).Append("</p></body></html>");
        return html.ToString();
    }
}
