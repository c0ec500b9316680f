using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Drill;

/// <summary>
/// The drill's people: they read what the Graph and Teams stand-ins received, as a person reads Teams and e-mail, and
/// answer through the real pages over HTTP — an approver opens the card's link (GET), waits, and approves or rejects
/// (POST); the DPO opens each notice review link from the e-mail and marks the notice submitted. The local identity is
/// sent per request (<see cref="LocalApproverIdentityResolver.HeaderName"/>) so one drill can act as several people.
/// </summary>
/// <param name="answers">Which incidents these people answer for (default: all); a test leaves its own incidents to itself.</param>
/// <param name="reviewNotices">Whether the DPO marks drafted notices submitted.</param>
public sealed partial class DrillPeople(LocalPipeline pipeline, Scenario scenario, Stopwatch wall, Func<string, Task> log,
    Func<string, bool>? answers = null, bool reviewNotices = true)
{
    private readonly ConcurrentDictionary<string, byte> seen = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<DrillPersonAction> actions = new();
    private readonly List<Task> running = [];

    public IReadOnlyList<DrillPersonAction> Actions => [.. actions];

    /// <summary>Watches the stand-ins until cancelled; answers each new link once.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                foreach (var message in pipeline.Graph?.Messages ?? [])
                {
                    foreach (var link in Links(message.Kind == "teams-webhook" ? message.CardJson : message.Kind == "mail" ? message.Body : null))
                    {
                        if (seen.TryAdd(link, 0))
                        {
                            running.Add(AnswerAsync(http, link, cancellationToken));
                        }
                    }
                }
                await Task.Delay(200, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        await Task.WhenAll(running.ToArray()).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task AnswerAsync(HttpClient http, string link, CancellationToken cancellationToken)
    {
        try
        {
            var payload = Payload(link);
            // Decided late, so a caller that names its own incidents just after opening them is in time.
            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
            if (answers is not null && !answers(payload?["inc"]?.GetValue<string>() ?? ""))
            {
                return;
            }
            if (link.Contains("/api/notices/", StringComparison.Ordinal))
            {
                if (!reviewNotices)
                {
                    return;
                }
                var dpo = pipeline.Playbook.Notifications.DpoReviewAddress ?? pipeline.Playbook.Organisation.Dpo.Email;
                var notice = payload?["ntc"]?.GetValue<string>() ?? "notice";
                await Task.Delay(TimeSpan.FromSeconds(scenario.NoticeReviewDelaySeconds), cancellationToken);
                var get = await OpenPageAsync(http, link, dpo, cancellationToken);
                var post = await AnswerPageAsync(http, link, dpo,
                    new Dictionary<string, string> { ["decision"] = "submitted", ["reference"] = "DRILL-" + notice }, cancellationToken);
                Record(new DrillPersonAction("notice", notice, "submitted", dpo, get, post, wall.Elapsed.TotalSeconds));
                await log($"DPO marked notice {notice} submitted (GET {get}, POST {post})");
                return;
            }

            if (payload?["p"]?.GetValue<string>() == "dual-control")
            {
                await SecondAsync(http, link, payload, cancellationToken);
                return;
            }
            var tierName = payload?["tier"]?.GetValue<string>() ?? "";
            var action = payload?["act"]?.GetValue<string>() ?? "";
            // A reminder brings a second link for the same request: a person answers the request once.
            if (!seen.TryAdd($"{payload?["inc"]}/{action}/{tierName}", 0))
            {
                return;
            }
            var tiers = pipeline.Playbook.Approvals.Tiers;
            var plan = scenario.Approvers?.FirstOrDefault(a => a.Tier == tierName)
                ?? new ScenarioApprover(tierName, tiers.Count > 0 && tiers[0].Name == tierName ? "silent" : "approve");
            var approver = pipeline.Playbook.Approvals.FindTier(tierName)?.Approvers is [var first, ..] ? first : null;
            if (plan.Decision == "silent" || approver is null)
            {
                Record(new DrillPersonAction("approval", $"{action} @ {tierName}", "silent", approver, null, null, wall.Elapsed.TotalSeconds));
                await log($"{tierName} sees the request for {action} and does not answer");
                return;
            }
            var shown = await OpenPageAsync(http, link, approver, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(plan.DelaySeconds), cancellationToken);
            var form = new Dictionary<string, string> { ["decision"] = plan.Decision };
            if (plan.Decision == "reject" || plan.Reason is not null)
            {
                form["reason"] = plan.Reason ?? "Rejected in the drill";
            }
            var decided = await AnswerPageAsync(http, link, approver, form, cancellationToken);
            Record(new DrillPersonAction("approval", $"{action} @ {tierName}", plan.Decision, approver, shown, decided, wall.Elapsed.TotalSeconds));
            await log($"{approver} ({tierName}) opened the approval page (HTTP {shown}) and chose {plan.Decision} (HTTP {decided})");
        }
        catch (OperationCanceledException)
        {
        }
        catch (HttpRequestException ex)
        {
            await log("drill person could not reach the page: " + ex.Message);
        }
    }

    /// <summary>
    /// Makes the scenario's requests (<see cref="ScenarioAction"/>: false positives, amended facts, holds) on the drill's
    /// incidents through the real routes, each when it is due; returns when all are made or cancelled.
    /// </summary>
    public async Task ActAsync(IReadOnlyList<string> incidents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        if (scenario.Actions is not { Count: > 0 } planned)
        {
            return;
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await Task.WhenAll(planned.Select(a => ActAsync(http, a, incidents, cancellationToken)));
    }

    private async Task ActAsync(HttpClient http, ScenarioAction action, IReadOnlyList<string> incidents, CancellationToken cancellationToken)
    {
        try
        {
            if (action.Incident > incidents.Count)
            {
                await log($"no incident {action.Incident} for the {action.Kind} request (the drill has {incidents.Count})");
                return;
            }
            var id = incidents[action.Incident - 1];
            var store = pipeline.Services.GetRequiredService<Core.Incidents.IIncidentStore>();
            while (action.AfterTimeline is { } kind)
            {
                var record = await store.GetAsync(id, cancellationToken);
                if (record?.Timeline.Any(t => t.Kind == kind) == true)
                {
                    break;
                }
                if (await pipeline.Client.GetInstanceAsync(id, cancellationToken) is { IsCompleted: true })
                {
                    await log($"{id} ended before {kind}; the {action.Kind} request is not made");
                    return;
                }
                await Task.Delay(250, cancellationToken);
            }
            await Task.Delay(TimeSpan.FromSeconds(action.AfterSeconds), cancellationToken);
            var route = action.Kind == ScenarioAction.FalsePositiveKind ? HttpRoutes.IncidentFalsePositive : HttpRoutes.IncidentFacts;
            var url = new Uri(pipeline.ApiUrl, "/api/" + route.Replace("{id}", id, StringComparison.Ordinal));
            // The route answers 404 until the incident's record is written.
            int status;
            for (var attempt = 0; ; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(action.Body) };
                request.Headers.Add(LocalApproverIdentityResolver.HeaderName, action.By);
                using var response = await http.SendAsync(request, cancellationToken);
                status = (int)response.StatusCode;
                if (response.StatusCode != HttpStatusCode.NotFound || attempt >= 120)
                {
                    break;
                }
                await Task.Delay(250, cancellationToken);
            }
            Record(new DrillPersonAction(action.Kind, id, "requested", action.By, null, status, wall.Elapsed.TotalSeconds));
            await log($"{action.By} posted {action.Kind} on {id} (HTTP {status})");
        }
        catch (OperationCanceledException)
        {
        }
        catch (HttpRequestException ex)
        {
            await log($"{action.By} could not post {action.Kind}: {ex.Message}");
        }
    }

    /// <summary>
    /// A request for a second person (a false positive, a hold, an awareness move): the drill's people approve each other's
    /// requests. Whoever asked is refused by the page (403), so the next person on the list seconds it.
    /// </summary>
    private async Task SecondAsync(HttpClient http, string link, JsonNode? payload, CancellationToken cancellationToken)
    {
        var kind = payload?["act"]?.GetValue<string>() ?? "request";
        foreach (var person in People())
        {
            var shown = await OpenPageAsync(http, link, person, cancellationToken);
            if (shown != (int)HttpStatusCode.OK)
            {
                continue;
            }
            var decided = await AnswerPageAsync(http, link, person, new Dictionary<string, string> { ["decision"] = "approve" }, cancellationToken);
            Record(new DrillPersonAction("dual-control", kind, "approve", person, shown, decided, wall.Elapsed.TotalSeconds));
            await log($"{person} seconded the {kind} request (GET {shown}, POST {decided})");
            return;
        }
        await log($"nobody could second the {kind} request");
    }

    /// <summary>The page a link lands on after the sign-in redirect: the form posts there, not to the sign-in.</summary>
    public static string PageUrl(string link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var at = link.IndexOf("?return=", StringComparison.Ordinal);
        var post = link.IndexOf("post_login_redirect_uri=", StringComparison.Ordinal);
        if (at < 0 && post < 0)
        {
            return link;
        }
        var path = at >= 0 ? link[(at + "?return=".Length)..] : link[(post + "post_login_redirect_uri=".Length)..];
        return new Uri(new Uri(link), Uri.UnescapeDataString(path)).ToString();
    }

    private void Record(DrillPersonAction action) => actions.Enqueue(action);

    /// <summary>
    /// A person opens the page behind a link, past the sign-in redirect the deployed app's links carry (through the
    /// Functions app the link itself answers 401 to a drill person); returns the HTTP status.
    /// </summary>
    private static Task<int> OpenPageAsync(HttpClient http, string link, string person, CancellationToken cancellationToken) =>
        SendAsync(http, HttpMethod.Get, PageUrl(link), person, null, cancellationToken);

    /// <summary>The person answers the page they opened with <see cref="OpenPageAsync"/>: the form posts to the page, not to the sign-in.</summary>
    private static Task<int> AnswerPageAsync(HttpClient http, string link, string person, Dictionary<string, string> form, CancellationToken cancellationToken) =>
        SendAsync(http, HttpMethod.Post, PageUrl(link), person, form, cancellationToken);

    private static async Task<int> SendAsync(HttpClient http, HttpMethod method, string url, string identity,
        Dictionary<string, string>? form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add(LocalApproverIdentityResolver.HeaderName, identity);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }
        using var response = await http.SendAsync(request, cancellationToken);
        return (int)response.StatusCode;
    }

    /// <summary>The approval and notice links in a card or an e-mail body.</summary>
    public static IEnumerable<string> Links(string? text) =>
        text is null ? [] : LinkPattern().Matches(WebUtility.HtmlDecode(text)).Select(m => m.Value).Distinct();

    /// <summary>The token's payload, read without checking the signature (the page checks it): a person sees the link, not the key.</summary>
    internal static JsonNode? Payload(string link)
    {
        var token = link[(link.LastIndexOf('/') + 1)..];
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !Base64Url.IsValid(token.AsSpan(0, dot)))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(Base64Url.DecodeFromChars(token.AsSpan(0, dot)));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"https?://[^\s""'<>]+/api/(?:approvals|notices)/[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();
}
