namespace ServerlessIR.Core.Notifications;

/// <summary>A template that cannot be parsed or rendered strictly: the message names the template and the problem.</summary>
public sealed class NoticeRenderException : Exception
{
    public NoticeRenderException(string template, string message, Exception? inner = null)
        : base($"Notification template '{template}': {message}", inner)
    {
        Template = template;
    }

    public string Template { get; }
}
