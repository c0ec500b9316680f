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
        var chromium = Environment.GetEnvironmentVariable("IR_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        // Fails rather than skips: a browser test that passes without a browser proves nothing.
        Assert.True(File.Exists(chromium),
            $"Headless Chromium not found at {chromium}. Install Debian's chromium (apt-get install chromium; ./test.sh does this) or set IR_CHROMIUM.");

        // Start from the seeded estate: other tests in this collection contain (and leave contained) the same systems.
        Pipeline.Salesforce!.Seed(Pipeline.Playbook);
        Pipeline.Salesforce.SeedContainment(Pipeline.Playbook);
        Pipeline.AiFeatures!.SeedFrom(Pipeline.Playbook);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var incidentId = await ApprovalLinks.OpenIncidentAsync(Pipeline, "browser approval test", timeout.Token);
        fixture.AnswerMyself(incidentId);
        var (link, cardJson) = await ApprovalLinks.WaitForCardAsync(Pipeline, incidentId, "security-lead", timeout.Token);
        var shots = ScreenshotDirectory();
        // The preview holds a live link, so it goes to a temporary folder, never beside the committed screenshots.
        var preview = Path.Combine(Path.GetTempPath(), $"ir-card-{incidentId}.html");
        await File.WriteAllTextAsync(preview, AdaptiveCardPreview.Render(cardJson), timeout.Token);

        using var playwright = await Playwright.CreateAsync();
        var profile = Path.Combine(Path.GetTempPath(), "ir-chromium-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync"],
                // A phone-sized window: the page must be readable where a DPO reads it at 3 a.m.
                ViewportSize = new ViewportSize { Width = 412, Height = 915 },
                // The local host's identity for this person (Azure uses App Service Authentication instead).
                ExtraHTTPHeaders = new Dictionary<string, string> { [LocalApproverIdentityResolver.HeaderName] = Approver },
            });
            var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();

            await page.GotoAsync(new Uri(preview).AbsoluteUri);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "approval-card.png"), FullPage = true });

            // Click the card's Action.OpenUrl button, as in Teams.
            await page.ClickAsync("a.openurl");
            await page.WaitForURLAsync(url => url.StartsWith(Pipeline.ApiUrl.ToString(), StringComparison.Ordinal));
            Assert.Contains(incidentId, await page.InnerTextAsync("body"), StringComparison.Ordinal);
            Assert.Contains("salesforce.freeze-user", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "approval-page.png"), FullPage = true });

            await page.ClickAsync("button[value=approve]");
            await page.WaitForSelectorAsync("text=You approved this step.");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "approval-confirmed.png"), FullPage = true });
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { }
            File.Delete(preview);
        }

        var done = await Pipeline.Client.WaitForInstanceCompletionAsync(incidentId, getInputsAndOutputs: true, timeout.Token);
        var summary = done.ReadOutputAs<IncidentSummary>()!;
        var approval = Assert.Single(summary.Approvals);
        Assert.Equal((ApprovalResult.Approved, Approver), (approval.Decision, approval.By));
        Assert.Equal(ContainmentStatus.Succeeded, Assert.Single(summary.Containment, c => c.Action == "salesforce.freeze-user").Status);
        Assert.True(new FileInfo(Path.Combine(shots, "approval-page.png")).Length > 1000);
    }

    /// <summary>
    /// <c>IR_SCREENSHOT_DIR</c>, else <c>.ir/screenshots</c> (git-ignored) in the repository the tests run from, so a test
    /// run never changes tracked files. <c>IR_SCREENSHOT_DIR=docs/screenshots</c> refreshes the committed ones.
    /// </summary>
    private static string ScreenshotDirectory()
    {
        var dir = Environment.GetEnvironmentVariable("IR_SCREENSHOT_DIR");
        if (string.IsNullOrEmpty(dir))
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "ServerlessIR.sln")))
            {
                root = root.Parent;
            }
            dir = Path.Combine(root?.FullName ?? AppContext.BaseDirectory, ".ir", "screenshots");
        }
        Directory.CreateDirectory(dir);
        return dir;
    }
}
