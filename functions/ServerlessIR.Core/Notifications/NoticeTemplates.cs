namespace ServerlessIR.Core.Notifications;

/// <summary>
/// Names of the templates in <c>notification-templates/</c> that code asks for by name (file name without
/// <c>.html.liquid</c> / <c>.json.liquid</c>). Which template drafts a regime's notice is the regime's catalog entry
/// (<see cref="Assessment.RegimeEntry.Template"/>).
/// </summary>
public static class NoticeTemplates
{
    public const string FolderName = "notification-templates";

    /// <summary>The notice to data subjects: once approved it goes to the bulk channel, not to a regulator.</summary>
    public const string GdprArt34DataSubjects = "gdpr-art34-data-subjects";
    public const string InternalStatus = "internal-status";

    /// <summary>The status post as an Adaptive Card for the incident's Teams channel.</summary>
    public const string InternalStatusCard = "internal-status-card";
    public const string ExecutiveBrief = "executive-brief";

    /// <summary>The card that follows an approval request in the channel once someone decided.</summary>
    public const string ApprovalFollowUpCard = "approval-follow-up-card";
    public const string ApprovalRequestEmail = "approval-request-email";
    public const string ApprovalRequestCard = "approval-request-card";

    /// <summary>
    /// The template folder: <paramref name="configured"/> when given, else the nearest folder called
    /// <see cref="FolderName"/> at or above <paramref name="startDirectory"/> (default: the app's base directory, where
    /// hosts copy it; from a test or a checkout this walks up to the repository's folder).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No such folder.</exception>
    public static string LocateDirectory(string? configured = null, string? startDirectory = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new DirectoryNotFoundException($"Configured notification template folder '{configured}' does not exist.");
        }
        for (var dir = new DirectoryInfo(startDirectory ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FolderName);
            // An empty folder is a leftover of an earlier build output (a project that no longer copies the templates), not the templates.
            if (Directory.Exists(candidate) && Directory.EnumerateFileSystemEntries(candidate).Any())
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            $"No '{FolderName}' folder at or above '{startDirectory ?? AppContext.BaseDirectory}'. Set ServerlessIR:Notifications:TemplatesPath.");
    }
}
