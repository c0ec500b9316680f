using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Local.Drill;
using ServerlessIR.Local.Hosting;
using ServerlessIR.Local.Tests.Hosting;

namespace ServerlessIR.Local.Tests.Approvals;

/// <summary>Finds approval links where a person finds them (the Teams card the stand-in recorded) and builds page requests.</summary>
internal static class ApprovalLinks
{
    /// <summary>
    /// Opens an incident on the BNPL credit-scoring system through the real webhook; returns its ID. (The fraud system's
    /// tokens belong to <see cref="Hosting.LocalPipelineTests"/>, which counts their revocations.)
    /// </summary>
    public static Task<string> OpenIncidentAsync(LocalPipeline pipeline, string summary, CancellationToken ct) =>
        // Suspected malice: what makes a marketplace's data compromise a significant NIS2 incident (Implementing Regulation
        // 2024/2690 Art. 11), so the incident has the NIS2 early warning the page tests review.
        TestAlerts.OpenAsync(pipeline, new TestAlert(summary)
        {
            Source = "/tests/approvals",
            IdPrefix = "ap",
            Categories = ["contact"],
            Subjects = 300,
            Malicious = true,
        }, ct);

    /// <summary>The card posted for <paramref name="incidentId"/>'s request to <paramref name="tier"/>, and its Action.OpenUrl link.</summary>
    public static async Task<(string Link, string CardJson)> WaitForCardAsync(LocalPipeline pipeline, string incidentId, string tier, CancellationToken ct)
    {
        while (true)
        {
            var card = pipeline.Graph!.Messages.FirstOrDefault(m => m.Kind == "teams-webhook"
                && m.CardJson!.Contains(incidentId, StringComparison.Ordinal) && m.CardJson.Contains($"\"{tier}", StringComparison.Ordinal));
            if (card is not null)
            {
                return (DrillPeople.Links(card.CardJson).Single(), card.CardJson!);
            }
            await Task.Delay(100, ct);
        }
    }

    public static async Task<string> WaitForCardLinkAsync(LocalPipeline pipeline, string incidentId, string tier, CancellationToken ct) =>
        (await WaitForCardAsync(pipeline, incidentId, tier, ct)).Link;

    public static HttpRequestMessage Get(string link, string? identity)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, link);
        if (identity is not null) request.Headers.Add(LocalApproverIdentityResolver.HeaderName, identity);
        return request;
    }

    public static HttpRequestMessage Post(string link, string? identity, Dictionary<string, string> form)
    {
        // Links go through the sign-in redirect; a form is posted by the page it lands on.
        var request = new HttpRequestMessage(HttpMethod.Post, DrillPeople.PageUrl(link)) { Content = new FormUrlEncodedContent(form) };
        if (identity is not null) request.Headers.Add(LocalApproverIdentityResolver.HeaderName, identity);
        return request;
    }
}
