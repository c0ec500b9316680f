using ServerlessIR.Adapters.Http;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Tests.Notifications;

namespace ServerlessIR.Adapters.Tests.Http;

/// <summary>
/// Writes the approval page, a refusal page, the approval e-mail, the Adaptive Card and the Art. 33 draft to files, for
/// screenshots in headless Chromium. Output goes to <c>SERVERLESSIR_RENDER_DIR</c> or <c>rendered/</c> beside the tests.
/// </summary>
public sealed class RenderedArtifactsTests
{
    [Fact]
    public void WriteRenderedArtifacts_WritesPagesAndCard()
    {
        var dir = Environment.GetEnvironmentVariable("SERVERLESSIR_RENDER_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "rendered");
        Directory.CreateDirectory(dir);
        var renderer = NoticeRenderer.FromDefaultLocation();
        var model = SampleNoticeModel.Create();
        var now = ApprovalPageRendererTests.Now;

        var files = new Dictionary<string, string>
        {
            ["approval-page.html"] = ApprovalPageRenderer.RenderApprovalForm(
                ApprovalPageRendererTests.Context(), ApprovalPageRendererTests.Token(), "security-lead@northwind.example", "/api/approvals/sample", now),
            ["approval-page-reject-needs-reason.html"] = ApprovalPageRenderer.RenderApprovalForm(
                ApprovalPageRendererTests.Context(), ApprovalPageRendererTests.Token(), "security-lead@northwind.example", "/api/approvals/sample", now,
                "A rejection needs a reason. Nothing was recorded yet."),
            ["refusal-already-used.html"] = ApprovalPageRenderer.RenderRefusal(ApprovalRefusalReason.AlreadyUsed),
            ["notice-page.html"] = ApprovalPageRenderer.RenderNoticeForm(
                ApprovalPageRendererTests.Context() with
                {
                    Notice = new NoticeDraft
                    {
                        NoticeId = "ntc-1", Regime = "gdpr-art33", Recipient = model.Recipient.Name, Title = "GDPR Art. 33 notification",
                        BodyHtml = renderer.Render(NoticeTemplates.GdprArt33Authority, model), Deadline = now.AddHours(48),
                    },
                },
                ApprovalPageRendererTests.Token() with { Purpose = ApprovalPurpose.Notice, NoticeId = "ntc-1" },
                "dpo@northwind.example", "/api/notices/sample", now),
            ["approval-request-email.html"] = renderer.Render(NoticeTemplates.ApprovalRequestEmail, model),
            ["approval-request-card.json"] = renderer.Render(NoticeTemplates.ApprovalRequestCard, model),
        };
        foreach (var (name, content) in files)
        {
            File.WriteAllText(Path.Combine(dir, name), content);
        }
        foreach (var name in files.Keys)
        {
            Assert.True(new FileInfo(Path.Combine(dir, name)).Length > 200, name);
        }
    }
}
