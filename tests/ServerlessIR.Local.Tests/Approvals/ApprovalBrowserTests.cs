using Microsoft.DurableTask.Client;
using Microsoft.Playwright;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Local.Hosting;
using ServerlessIR.Local.Tests.Hosting;

namespace ServerlessIR.Local.Tests.Approvals;

/// <summary>
/// A person's path in headless Chromium (Debian's chromium, driven by Playwright through its executable path): the
/// Teams card in the incident channel, its button, the approval page, Approve, the confirmation — and the orchestration
/// going on to run the approved step. Screenshots go to <c>.ir/screenshots/</c> (or <c>IR_SCREENSHOT_DIR</c>; the committed ones are in <c>docs/screenshots/</c>).
/// </summary>
[Trait("Category", "Storage")]
[Trait("Category", "Browser")]
[Collection(LocalPipelineCollection.Name)]
public sealed class ApprovalBrowserTests(LocalPipelineFixture fixture)
{
    private const string Approver = "security-lead@northwind.example";

    private LocalPipeline Pipeline => fixture.Pipeline;

    [Fact]
    public async Task ApprovalLinkFromCard_InHeadlessChromium_ShowsIncidentApprovesAndOrchestrationProceeds()
    {
        // Start from the seeded estate: other tests in this collection contain (and leave contained) the same systems.
        Pipeline.Salesforce!.Seed(Pipeline.Playbook);
        Pipeline.Salesforce.SeedContainment(Pipeline.Playbook);
        Pipeline.AiFeatures!.SeedFrom(Pipeline.Playbook);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var incidentId = await ApprovalLinks.OpenIncidentAsync(Pipeline, "browser approval test", timeout.Token);
        fixture.AnswerMyself(incidentId);
        var (link, cardJson) = await ApprovalLinks.WaitForCardAsync(Pipeline, incidentId, "security-lead", timeout.Token);
        // The preview holds a live link, so it goes to a temporary folder, never beside the committed screenshots.
        var preview = Path.Combine(Path.GetTempPath(), $"ir-card-{incidentId}.html");
        await File.WriteAllTextAsync(preview, AdaptiveCardPreview.Render(cardJson), timeout.Token);

        try
        {
            await using var browser = await HeadlessChromium.StartAsync(Approver);
            var page = browser.Page;

            await page.GotoAsync(new Uri(preview).AbsoluteUri);
            await browser.ScreenshotAsync("approval-card.png");

            // Click the card's Action.OpenUrl button, as in Teams.
            await page.ClickAsync("a.openurl");
            // The page is there when its Approve button is: a wait for the "load" event after this file:// to http:// switch
            // (a new renderer process) twice never ended in fresh-clone runs, with the page's network already idle.
            await page.WaitForURLAsync(url => url.StartsWith(Pipeline.ApiUrl.ToString(), StringComparison.Ordinal),
                new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
            await page.WaitForSelectorAsync("button[value=approve]");
            Assert.Contains(incidentId, await page.InnerTextAsync("body"), StringComparison.Ordinal);
            Assert.Contains("salesforce.freeze-user", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
            await browser.ScreenshotAsync("approval-page.png");

            await page.ClickAsync("button[value=approve]");
            await page.WaitForSelectorAsync("text=You approved this step.");
            await browser.ScreenshotAsync("approval-confirmed.png");
        }
        finally
        {
            File.Delete(preview);
        }

        var done = await Pipeline.Client.WaitForInstanceCompletionAsync(incidentId, getInputsAndOutputs: true, timeout.Token);
        var summary = done.ReadOutputAs<IncidentSummary>()!;
        var approval = Assert.Single(summary.Approvals);
        Assert.Equal((ApprovalResult.Approved, Approver), (approval.Decision, approval.By));
        Assert.Equal(ContainmentStatus.Succeeded, Assert.Single(summary.Containment, c => c.Action == "salesforce.freeze-user").Status);
        Assert.True(new FileInfo(Path.Combine(HeadlessChromium.ScreenshotDirectory(), "approval-page.png")).Length > 1000);
    }
}
