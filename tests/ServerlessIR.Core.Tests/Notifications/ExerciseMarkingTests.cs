using System.Text.Json.Nodes;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Core.Tests.Notifications;

/// <summary>Every message of an exercise says EXERCISE in its subject and body; a real incident's messages are untouched.</summary>
public sealed class ExerciseMarkingTests
{
    private const string Card = """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"Approval needed: salesforce.freeze-user"}]}""";

    [Fact]
    public void Mark_ExerciseEmail_SubjectAndBodyMarked()
    {
        var mail = new EmailMessage("ir@x", ["a@x"], "Approval needed", "<html><body><p>Hi</p></body></html>", "exr-20261130-abc/approval/x/email", "t");

        var marked = ExerciseMarking.Mark(mail);

        Assert.StartsWith("EXERCISE: ", marked.Subject, StringComparison.Ordinal);
        Assert.Contains("<body><p style=", marked.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("EXERCISE", marked.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(marked, ExerciseMarking.Mark(marked));
    }

    [Fact]
    public void Mark_RealIncidentEmail_Unchanged()
    {
        var mail = new EmailMessage("ir@x", ["a@x"], "Approval needed", "<p>Hi</p>", "inc-20261130-abc/approval/x/email", "t");

        Assert.Same(mail, ExerciseMarking.Mark(mail));
    }

    [Fact]
    public void Mark_ExerciseCard_BannerFirstAndTitlePrefixed()
    {
        var marked = ExerciseMarking.Mark(new TeamsCardMessage(Card, "exr-20261130-abc/approval/x/card", "t"));

        var body = JsonNode.Parse(marked.CardJson)!["body"]!.AsArray();
        Assert.Equal(ExerciseMarking.Banner, (string?)body[0]!["text"]);
        Assert.Equal("EXERCISE: Approval needed: salesforce.freeze-user", (string?)body[1]!["text"]);
    }

    [Fact]
    public void Mark_ExerciseActivityFeed_TitleAndPreviewMarked()
    {
        var marked = ExerciseMarking.Mark(new ActivityFeedNotification("u", "Approval needed", "decide", "https://x", "exr-1/approval/feed"));

        Assert.StartsWith("EXERCISE: ", marked.Title, StringComparison.Ordinal);
        Assert.StartsWith("EXERCISE: ", marked.PreviewText, StringComparison.Ordinal);
    }
}
