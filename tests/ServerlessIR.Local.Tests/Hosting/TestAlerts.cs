using System.Text;
using System.Text.Json.Nodes;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Tests.Hosting;

/// <summary>Alerts the integration tests post through the real webhook.</summary>
internal static class TestAlerts
{
    /// <summary>
    /// Ends any incident another test left running, posts <paramref name="alert"/> and returns the incident it opened; fails
    /// if the alert joined an incident instead.
    /// </summary>
    public static async Task<string> OpenAsync(LocalPipeline pipeline, TestAlert alert, CancellationToken cancellationToken = default)
    {
        await RunningIncidents.EndAsync(pipeline, cancellationToken);
        var delivery = await PostAsync(pipeline, alert, cancellationToken);
        Assert.True((int)delivery["opened"]! == 1, "the alert joined another test's incident: " + delivery.ToJsonString());
        return (string)delivery["incidents"]![0]!;
    }

    /// <summary>Posts <paramref name="alert"/> and returns the webhook's answer (opened, joined, incidents); fails on an error status.</summary>
    public static async Task<JsonObject> PostAsync(LocalPipeline pipeline, TestAlert alert, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(pipeline.EventsUrl,
            new StringContent(CloudEvent(alert).ToJsonString(), Encoding.UTF8, "application/cloudevents+json"), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Posts a leak through the BNPL connector's integration user and returns the incident it opened.</summary>
    public static Task<string> PostBnplLeakAsync(LocalPipeline pipeline, string name) =>
        OpenAsync(pipeline, new TestAlert(name + " test leak") { Source = "/tests/" + name, IdPrefix = name });

    private static JsonObject CloudEvent(TestAlert alert)
    {
        var data = new JsonObject
        {
            ["detectedAt"] = DateTimeOffset.UtcNow,
            ["orgId"] = "northwind-prod",
            ["connectedApp"] = alert.ConnectedApp,
        };
        if (alert.Principal is not null)
        {
            data["principal"] = new JsonObject { ["type"] = "integration-user", ["id"] = alert.Principal };
        }
        data["dataCategories"] = new JsonArray([.. alert.Categories.Select(c => (JsonNode?)c)]);
        data["estimatedSubjects"] = alert.Subjects;
        if (alert.Malicious)
        {
            data["malicious"] = true;
        }
        data["summary"] = alert.Summary;
        return new JsonObject
        {
            ["specversion"] = "1.0",
            ["type"] = "ServerlessIR.AiDataLeak.Detected",
            ["source"] = alert.Source,
            ["id"] = alert.IdPrefix + "-" + Guid.NewGuid().ToString("N"),
            ["data"] = data,
        };
    }
}
