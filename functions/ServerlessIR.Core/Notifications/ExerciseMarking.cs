using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Core.Notifications;

/// <summary>
/// Marks every message of an exercise incident <see cref="ExerciseEvents.Mark"/> in its subject (or title) and its body,
/// at the senders every message passes through: an idempotency key starts with its incident ID, so a message that names
/// an exercise incident is marked whatever activity built it. A message of a real incident is returned unchanged.
/// </summary>
/// <remarks>
/// Marking at the senders rather than in each template means a message added later cannot forget it: people who receive
/// an exercise's approval request at night must see at once that nothing real is at stake.
/// </remarks>
public static partial class ExerciseMarking
{
    /// <summary>The prefix of a marked subject or title.</summary>
    public const string SubjectPrefix = ExerciseEvents.Mark + ": ";

    /// <summary>The sentence a marked body opens with.</summary>
    public const string Banner = ExerciseEvents.Mark + " — this is an exercise, not a real incident. No production system is changed and no regulator is notified.";

    /// <summary>The e-mail, marked when it belongs to an exercise.</summary>
    public static EmailMessage Mark(EmailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!ExerciseEvents.IsExercise(message.IdempotencyKey) || message.Subject.StartsWith(SubjectPrefix, StringComparison.Ordinal))
        {
            return message;
        }
        var banner = $"<p style=\"background:#b00020;color:#fff;padding:8px;font-weight:bold\">{WebUtility.HtmlEncode(Banner)}</p>";
        var body = BodyTag().Match(message.HtmlBody) is { Success: true } open
            ? message.HtmlBody.Insert(open.Index + open.Length, banner)
            : banner + message.HtmlBody;
        return message with { Subject = SubjectPrefix + message.Subject, HtmlBody = body };
    }

    /// <summary>The Adaptive Card, marked when it belongs to an exercise: a banner first and its first text block prefixed.</summary>
    public static TeamsCardMessage Mark(TeamsCardMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!ExerciseEvents.IsExercise(message.IdempotencyKey) || JsonNode.Parse(message.CardJson) is not JsonObject card)
        {
            return message;
        }
        var body = card["body"] as JsonArray ?? [];
        card["body"] = body;
        if (body.FirstOrDefault(b => (string?)b?["type"] == "TextBlock") is JsonObject title &&
            title["text"]?.GetValue<string>() is { } text && !text.StartsWith(SubjectPrefix, StringComparison.Ordinal))
        {
            title["text"] = SubjectPrefix + text;
        }
        body.Insert(0, new JsonObject
        {
            ["type"] = "TextBlock", ["text"] = Banner, ["wrap"] = true, ["weight"] = "Bolder", ["color"] = "Attention",
        });
        return message with { CardJson = card.ToJsonString() };
    }

    /// <summary>The activity-feed notification, marked when it belongs to an exercise.</summary>
    public static ActivityFeedNotification Mark(ActivityFeedNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return !ExerciseEvents.IsExercise(notification.IdempotencyKey) || notification.Title.StartsWith(SubjectPrefix, StringComparison.Ordinal)
            ? notification
            : notification with { Title = SubjectPrefix + notification.Title, PreviewText = SubjectPrefix + notification.PreviewText };
    }

    [GeneratedRegex("<body[^>]*>", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 250)]
    private static partial Regex BodyTag();
}
