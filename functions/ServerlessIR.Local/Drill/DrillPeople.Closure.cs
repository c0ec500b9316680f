using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Local.Drill;

/// <summary>
/// The drill's people close an incident once its clocks are done (docs/lifecycle.md): the security lead marks the first
/// open task done and waives the rest with a reason, then posts the post-incident review; another of the drill's people
/// seconds the closure through the link they are sent, as for a false positive.
/// </summary>
public sealed partial class DrillPeople
{
    /// <summary>Completes or waives every open task of <paramref name="incidentId"/>, then asks to close it with a review.</summary>
    public async Task CloseAsync(string incidentId, CancellationToken cancellationToken)
    {
        try
        {
            await CloseOrThrowAsync(incidentId, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException)
        {
            await log($"the drill's people could not close {incidentId}: {ex.Message}");
        }
    }

    private async Task CloseOrThrowAsync(string incidentId, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var lead = People().FirstOrDefault();
        if (lead is null)
        {
            await log($"nobody in the playbook can close {incidentId}");
            return;
        }
        var record = await ReadAsync(http, incidentId, cancellationToken);
        var open = record?.Tasks.Where(t => t.Status == IncidentTaskStatus.Open).ToList() ?? [];
        for (var i = 0; i < open.Count; i++)
        {
            var body = i == 0
                ? new JsonObject { ["status"] = "done", ["reason"] = "Done in the drill" }
                : new JsonObject { ["status"] = "waived", ["reason"] = "Drill: tracked in the security backlog instead" };
            var status = await PostJsonAsync(http, Route(HttpRoutes.IncidentTask, incidentId).Replace("{taskId}", Uri.EscapeDataString(open[i].Id), StringComparison.Ordinal),
                lead, body, cancellationToken);
            Record(new DrillPersonAction("task", open[i].Id, body["status"]!.GetValue<string>(), lead, null, status, wall.Elapsed.TotalSeconds));
            await log($"{lead} marked task {open[i].Id} {body["status"]} (HTTP {status}): {open[i].Title}");
        }
        // The record follows the orchestration: the close route reads it, so wait until it shows no open task.
        for (var attempt = 0; attempt < 100 && record?.Tasks.Any(t => t.Status == IncidentTaskStatus.Open) == true; attempt++)
        {
            await Task.Delay(200, cancellationToken);
            record = await ReadAsync(http, incidentId, cancellationToken);
        }
        var review = new JsonObject
        {
            ["rootCause"] = "The BNPL scoring connector's integration user held a bulk-export permission its scoring never needed, and its OAuth tokens did not expire.",
            ["controlChanges"] = "Export permission removed from the integration user; refresh tokens expire after 24 hours; Einstein permission sets reviewed quarterly.",
            ["riskRegister"] = new JsonArray([.. (record?.AiSystem is { } system ? [system] : Array.Empty<string>()).Select(s => (JsonNode?)new JsonObject
            {
                ["aiSystem"] = s,
                ["entry"] = "Risk: over-broad integration-user permissions let the model's connector exfiltrate customer credit profiles. Treatment: least-privilege review before each release.",
            })]),
        };
        var closed = await PostJsonAsync(http, Route(HttpRoutes.IncidentClose, incidentId), lead, review, cancellationToken);
        Record(new DrillPersonAction("close", incidentId, "review", lead, null, closed, wall.Elapsed.TotalSeconds));
        await log($"{lead} posted the post-incident review to close {incidentId} (HTTP {closed}); a second person seconds it");
    }

    private IEnumerable<string> People()
    {
        var playbook = pipeline.Playbook;
        return playbook.Approvals.Tiers.SelectMany(t => t.ListedApprovers)
            .Append(new Core.Approvals.Approver(playbook.Organisation.Dpo.Email, playbook.Organisation.Dpo.ObjectId))
            .Where(p => p.ObjectId is not null).Select(p => p.Upn).Distinct(StringComparer.OrdinalIgnoreCase);
    }

    private string Route(string route, string incidentId) =>
        new Uri(pipeline.ApiUrl, "/" + HttpRoutes.Prefix + "/" + route.Replace("{id}", Uri.EscapeDataString(incidentId), StringComparison.Ordinal)).ToString();

    private async Task<IncidentSummary?> ReadAsync(HttpClient http, string incidentId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Route(HttpRoutes.Incident, incidentId));
        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode
            ? await response.Content.ReadFromJsonAsync<IncidentSummary>(ServerlessIR.Adapters.Http.Json.Options, cancellationToken)
            : null;
    }

    private static async Task<int> PostJsonAsync(HttpClient http, string url, string identity, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add(LocalApproverIdentityResolver.HeaderName, identity);
        using var response = await http.SendAsync(request, cancellationToken);
        return (int)response.StatusCode;
    }
}
