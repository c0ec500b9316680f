using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServerlessIR.Adapters.Evidence;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Local.Drill;
using ServerlessIR.Local.Evidence;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Tests.Hosting;

/// <summary>
/// Issue 15's walk through the console in headless Chromium, as the security lead: the queue, the incident, a task added
/// through the page's form, every open task marked done through its form, then the incident closed through the close
/// form with its post-incident review, seconded by another person through the link they are sent (the drill's people, who
/// also approve and submit the notices). Screenshots at each stop go where <see cref="HeadlessChromium"/> puts them. Its
/// own pipeline, whose incidents wait for closure as the deployed app's do. The review ends in `ir evidence export`.
/// </summary>
[Trait("Category", "Storage")]
[Trait("Category", "Browser")]
public sealed class ConsoleBrowserTests : IAsyncLifetime
{
    private const string Lead = "security-lead@northwind.example";
    private const string TaskTitle = "Rotate the BNPL connector's certificate";

    private readonly string state = Path.Combine(Path.GetTempPath(), "ir-walk-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource stopPeople = new();
    private LocalPipeline pipeline = null!;
    private Task people = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(state);
        var storage = await TestAzurite.GetAsync();
        pipeline = await LocalPipeline.StartAsync(new LocalPipelineOptions
        {
            ApiPort = 0,
            AzuriteBlobPort = storage.BlobPort,
            StateFolder = state,
            StoragePrefix = TestStorageAccount.NewPrefix("walk"),
            TaskHub = TestStorageAccount.NewTaskHub("walk"),
            DrillTrustedSources = ["/tests/"],
            // 30 incident hours in about 15 s of waiting, then the incident waits for its closure.
            TimeScale = 7_200,
            HorizonHours = 30,
            AwaitClosure = true,
            SimulatedPeople = true,
        });
        var approvers = new Scenario("console-walk", null, [], [new ScenarioApprover(pipeline.Playbook.Approvals.Tiers[0].Name, "approve", 0.2)],
            NoticeReviewDelaySeconds: 0.5);
        people = new DrillPeople(pipeline, approvers, Stopwatch.StartNew(), _ => Task.CompletedTask).RunAsync(stopPeople.Token);
    }

    public async Task DisposeAsync()
    {
        await stopPeople.CancelAsync();
        await people;
        stopPeople.Dispose();
        await pipeline.DisposeAsync();
        try { Directory.Delete(state, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Console_QueueIncidentAddTaskCloseWithReview_EndsClosedWithTheReviewShown()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(420));
        var incidentId = await TestAlerts.OpenAsync(pipeline, new TestAlert("console walk test") { Source = "/tests/console", IdPrefix = "walk" }, timeout.Token);
        // Seeded tasks come with the end of containment: the walk starts from there, as a responder would.
        var record = await RecordWhenAsync(incidentId, r => r.Status == IncidentStatus.Contained, timeout.Token);

        await using var browser = await HeadlessChromium.StartAsync(Lead);
        var page = browser.Page;
        page.SetDefaultTimeout(60_000);

        await page.GotoAsync(new Uri(pipeline.ApiUrl, "/api/console").ToString());
        Assert.Contains(incidentId, await page.InnerTextAsync("body"), StringComparison.Ordinal);
        await browser.ScreenshotAsync("console-queue.png");
        await page.ClickAsync($"li:has-text(\"{incidentId}\") a");
        await page.WaitForURLAsync(url => url.Contains("/console/incidents/", StringComparison.Ordinal));
        Assert.Contains(incidentId, await page.InnerTextAsync("dl"), StringComparison.Ordinal);
        await browser.ScreenshotAsync("console-incident.png");

        var due = record.Time.Now(DateTimeOffset.UtcNow).AddHours(12).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        await SubmitAsync(page, "add-task", new() { ["title"] = TaskTitle, ["owner"] = Lead, ["due"] = due }, "accepted");
        var added = (await ReloadUntilAsync(page, incidentId, r => r.Tasks.Any(t => t.Title == TaskTitle), timeout.Token)).Tasks.Single(t => t.Title == TaskTitle);
        Assert.Contains(TaskTitle, await page.InnerTextAsync("body"), StringComparison.Ordinal);
        await browser.ScreenshotAsync("console-task-added.png");

        var marked = new HashSet<string>(StringComparer.Ordinal);
        while (await page.QuerySelectorAsync("form[id^=form-task-]") is { } form)
        {
            var name = (await form.GetAttributeAsync("id"))!["form-".Length..];
            Assert.True(marked.Add(name), $"{name} was marked done once already and its form is still offered");
            await SubmitAsync(page, name, new() { ["reason"] = "Done in the console walk" }, "accepted", select: ("status", "done"));
            await ReloadUntilAsync(page, incidentId, r => r.Tasks.All(t => t.Status != IncidentTaskStatus.Open || !marked.Contains("task-" + t.Id)), timeout.Token);
        }
        Assert.Contains("task-" + added.Id, marked);

        // Closing waits for the review to be due (the clocks done) and for the DPO's notices: the route refuses until then.
        await ReloadUntilAsync(page, incidentId,
            r => r.Timeline.Any(t => t.Kind == EvidenceKinds.IncidentReviewDue) && ClosureBlockers.Of(r).Count == 0, timeout.Token);
        var fields = new Dictionary<string, string>
        {
            ["rootCause"] = "The connector's integration user held a bulk-export permission its scoring never needed.",
            ["controlChanges"] = "Export permission removed; refresh tokens expire after 24 hours.",
        };
        if (await page.QuerySelectorAsync("#form-close [name='riskRegister.0.entry']") is not null)
        {
            fields["riskRegister.0.entry"] = "Over-broad connector permissions; least-privilege review before each release.";
        }
        await SubmitAsync(page, "close", fields, "waits for a second person");
        await browser.ScreenshotAsync("console-close-requested.png");

        var closed = await ReloadUntilAsync(page, incidentId, r => r.Status == IncidentStatus.Closed, timeout.Token);
        var text = await page.InnerTextAsync("body");
        Assert.Contains("Post-incident review", text, StringComparison.Ordinal);
        Assert.Contains("Export permission removed", text, StringComparison.Ordinal);
        Assert.Null(await page.QuerySelectorAsync("form"));
        Assert.Equal(Lead, closed.Review?.ReviewedBy);
        Assert.NotEqual(Lead, closed.Review?.Approval?.ApprovedBy);
        await browser.ScreenshotAsync("console-closed.png");

        // The review is evidence: `ir evidence export` carries it, and the export verifies.
        var export = Path.Combine(state, "export");
        var context = new EvidenceCommandContext(new TableServiceClient(pipeline.Azurite.ConnectionString), new BlobServiceClient(pipeline.Azurite.ConnectionString),
            pipeline.Services.GetRequiredService<EvidenceStorageOptions>());
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(0, await EvidenceCommand.RunAsync(["export", "--incident", incidentId, "--out", export], context, stdout, stderr));
        var reviewed = File.ReadLines(Path.Combine(export, EvidenceExportContent.RecordsFile)).Single(l => l.Contains(EvidenceKinds.IncidentReviewed, StringComparison.Ordinal));
        Assert.Contains("Export permission removed", reviewed, StringComparison.Ordinal);
        Assert.True((await EvidenceExport.VerifyAsync(export, timeout.Token)).Verified, stderr.ToString());
    }

    /// <summary>Opens a form's fold, fills it, sends it, and waits for the page's answer to say <paramref name="answer"/>.</summary>
    private static async Task SubmitAsync(IPage page, string form, Dictionary<string, string> fields, string answer, (string Name, string Value)? select = null)
    {
        var id = $"[id='form-{form}']";
        await page.ClickAsync($"details:has({id}) > summary");
        foreach (var (name, value) in fields)
        {
            await page.FillAsync($"{id} [name='{name}']", value);
        }
        if (select is { } choice)
        {
            await page.SelectOptionAsync($"{id} [name='{choice.Name}']", choice.Value);
        }
        await page.ClickAsync($"{id} button[type=submit]");
        var status = page.Locator($"{id} [role=status]");
        await Assertions.Expect(status).ToContainTextAsync(new Regex("accepted|[45][0-9][0-9]"), new() { Timeout = 60_000 });
        Assert.Contains(answer, await status.InnerTextAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Waits until the incident's record satisfies <paramref name="ready"/> (the record follows the orchestration, so a
    /// change a form asked for shows a moment later), then loads the incident page afresh.
    /// </summary>
    private async Task<IncidentSummary> ReloadUntilAsync(IPage page, string incidentId, Func<IncidentSummary, bool> ready, CancellationToken cancellationToken)
    {
        var record = await RecordWhenAsync(incidentId, ready, cancellationToken);
        var url = new Uri(pipeline.ApiUrl, "/api/console/incidents/" + Uri.EscapeDataString(incidentId)).ToString();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.GotoAsync(url);
                return record;
            }
            catch (PlaywrightException ex) when (attempt < 6 && (ex.Message.Contains("ERR_ABORTED", StringComparison.Ordinal)
                || ex.Message.Contains("interrupted by another navigation", StringComparison.Ordinal)))
            {
                // The page reloads itself 1.5 s after a form's answer; that reload cut this navigation short. Let the
                // reload finish before navigating again: on a loaded machine three back-to-back tries all met it once.
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    private async Task<IncidentSummary> RecordWhenAsync(string incidentId, Func<IncidentSummary, bool> ready, CancellationToken cancellationToken)
    {
        var store = pipeline.Services.GetRequiredService<IIncidentStore>();
        while (true)
        {
            if (await store.GetAsync(incidentId, cancellationToken) is { } record && ready(record))
            {
                return record;
            }
            await Task.Delay(250, cancellationToken);
        }
    }
}
