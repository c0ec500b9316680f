using ServerlessIR.Adapters.Http;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Adapters.Tests.Http;

public sealed class ApprovalPageRendererTests
{
    internal static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    internal static ApprovalContext Context() => new()
    {
        Incident = new ApprovalBrief
        {
            IncidentId = "inc-20261127-0001",
            Severity = "SEV1",
            AiSystem = "Checkout fraud scoring",
            DataCategories = ["contact", "financial"],
            RequestedAction = "Freeze Salesforce user fraud-integration@northwind.example",
            ActionEffect = "The integration user cannot log in; fraud scoring falls back to rules.",
            NearestDeadline = Now.AddHours(61).AddMinutes(30),
            NearestDeadlineRegime = "gdpr-art33",
        },
        AllowedApprovers = ["security-lead@northwind.example"],
    };

    internal static ApprovalToken Token() => new()
    {
        IncidentId = "inc-20261127-0001", ActionId = "salesforce.freeze-user", Tier = "security-lead",
        Purpose = ApprovalPurpose.Approval, ExpiresAt = Now.AddHours(1), Nonce = "n",
    };

    [Fact]
    public void RenderApprovalForm_ShowsSummaryAndBothButtons()
    {
        var html = ApprovalPageRenderer.RenderApprovalForm(Context(), Token(), "security-lead@northwind.example", "/api/approvals/x", Now);
        Assert.Contains("name=\"viewport\"", html, StringComparison.Ordinal);
        Assert.Contains("inc-20261127-0001", html, StringComparison.Ordinal);
        Assert.Contains("SEV1", html, StringComparison.Ordinal);
        Assert.Contains("Checkout fraud scoring", html, StringComparison.Ordinal);
        Assert.Contains("contact, financial", html, StringComparison.Ordinal);
        Assert.Contains("fraud scoring falls back to rules", html, StringComparison.Ordinal);
        Assert.Contains("2 d 13 h left (gdpr-art33)", html, StringComparison.Ordinal);
        Assert.Contains("value=\"approve\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"reject\"", html, StringComparison.Ordinal);
        Assert.Contains("method=\"post\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    private static ApprovalContext ExerciseContext(NoticeDraft? notice = null) => Context() with
    {
        Incident = Context().Incident with { IncidentId = "exr-20261127-0001" },
        Notice = notice,
    };

    [Fact]
    public void RenderApprovalForm_ExerciseIncident_BannerAndTitleMarked()
    {
        var html = ApprovalPageRenderer.RenderApprovalForm(ExerciseContext(), Token() with { IncidentId = "exr-20261127-0001" }, "a@b", "/p", Now);

        Assert.Contains("<title>EXERCISE: Approval needed", html, StringComparison.Ordinal);
        Assert.Contains("class=\"exercise\"", html, StringComparison.Ordinal);
        Assert.Contains("this is an exercise, not a real incident", html, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderNoticeForm_ExerciseIncident_BannerAndTitleMarked()
    {
        var notice = new NoticeDraft { NoticeId = "n1", Regime = "gdpr-art33", Recipient = "BfDI", Title = "Art. 33 notice", BodyHtml = "<p>draft</p>", Deadline = Now.AddHours(70) };

        var html = ApprovalPageRenderer.RenderNoticeForm(ExerciseContext(notice), Token() with { Purpose = ApprovalPurpose.Notice }, "dpo@b", "/p", Now);

        Assert.Contains("<title>EXERCISE: Review notice", html, StringComparison.Ordinal);
        Assert.Contains("class=\"exercise\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderApprovalForm_RealIncident_NoExerciseMark()
    {
        var html = ApprovalPageRenderer.RenderApprovalForm(Context(), Token(), "a@b", "/p", Now);

        Assert.DoesNotContain("EXERCISE", html, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderApprovalForm_EncodesHostileValues()
    {
        var context = Context() with { Incident = Context().Incident with { AiSystem = "<script>alert(1)</script>" } };
        var html = ApprovalPageRenderer.RenderApprovalForm(context, Token(), "a@b", "/p", Now);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ApprovalRefusalReason.Forged, "not valid")]
    [InlineData(ApprovalRefusalReason.Expired, "expired")]
    [InlineData(ApprovalRefusalReason.AlreadyUsed, "already used")]
    [InlineData(ApprovalRefusalReason.WrongApprover, "not an approver")]
    public void RenderRefusal_SaysWhyAndThatNothingChanged(ApprovalRefusalReason reason, string expected)
    {
        var html = ApprovalPageRenderer.RenderRefusal(reason);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", html, StringComparison.Ordinal);
    }
}
