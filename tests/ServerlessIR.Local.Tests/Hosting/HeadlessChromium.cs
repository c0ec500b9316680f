using Microsoft.Playwright;
using ServerlessIR.Adapters.Http;

namespace ServerlessIR.Local.Tests.Hosting;

/// <summary>
/// Debian's Chromium driven by Playwright through its executable path, phone-sized, acting as one person through the local
/// host's identity header; and where the browser tests put their screenshots.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly string profile;

    private HeadlessChromium(IPlaywright playwright, string profile, IBrowserContext browser, IPage page)
    {
        this.playwright = playwright;
        this.profile = profile;
        Browser = browser;
        Page = page;
    }

    public IBrowserContext Browser { get; }

    public IPage Page { get; }

    /// <summary>Starts the browser as <paramref name="person"/>; fails (never skips) when Chromium is missing.</summary>
    public static async Task<HeadlessChromium> StartAsync(string person)
    {
        var chromium = Environment.GetEnvironmentVariable("IR_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        // Fails rather than skips: a browser test that passes without a browser proves nothing.
        Assert.True(File.Exists(chromium),
            $"Headless Chromium not found at {chromium}. Install Debian's chromium (apt-get install chromium; ./test.sh does this) or set IR_CHROMIUM.");
        var playwright = await Playwright.CreateAsync();
        var profile = Path.Combine(Path.GetTempPath(), "ir-chromium-" + Guid.NewGuid().ToString("N"));
        var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
            // A phone-sized window: the page must be readable where a DPO reads it at 3 a.m.
            ViewportSize = new ViewportSize { Width = 412, Height = 915 },
            // The local host's identity for this person (Azure uses App Service Authentication instead).
            ExtraHTTPHeaders = new Dictionary<string, string> { [LocalApproverIdentityResolver.HeaderName] = person },
        });
        var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
        return new HeadlessChromium(playwright, profile, browser, page);
    }

    /// <summary>A full-page screenshot named <paramref name="name"/> in <see cref="ScreenshotDirectory"/>; returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(ScreenshotDirectory(), name);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
        try { Directory.Delete(profile, recursive: true); } catch (IOException) { }
    }

    /// <summary>
    /// <c>IR_SCREENSHOT_DIR</c>, else <c>.ir/screenshots</c> (git-ignored) in the repository the tests run from, so a test
    /// run never changes tracked files. <c>IR_SCREENSHOT_DIR=docs/screenshots</c> refreshes the committed ones.
    /// </summary>
    public static string ScreenshotDirectory()
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
