using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Tests.Hosting;

/// <summary>Alerts the integration tests post through the real webhook.</summary>
internal static class TestAlerts
{
    /// <summary>
    /// Posts a leak through the BNPL connector's integration user and returns the incident it opened; fails if the alert
    /// joined another test's incident instead.
    /// </summary>
    public static async Task<string> PostBnplLeakAsync(LocalPipeline pipeline, string name)
    {
        await RunningIncidents.EndAsync(pipeline);
        using var http = new HttpClient();
        using var response = await http.PostAsync(pipeline.EventsUrl, new StringContent(JsonSerializer.Serialize(new
        {
            specversion = "1.0",
            type = "ServerlessIR.AiDataLeak.Detected",
            source = "/tests/" + name,
            id = name + "-" + Guid.NewGuid().ToString("N"),
            data = new
            {
                detectedAt = DateTimeOffset.UtcNow,
                orgId = "northwind-prod",
                connectedApp = "BNPL Scoring Connector",
                principal = new { type = "integration-user", id = "0055g00000BNPLint" },
                dataCategories = new[] { "contact", "financial" },
                estimatedSubjects = 5000,
                summary = name + " test leak",
            },
        }), Encoding.UTF8, "application/cloudevents+json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        var delivery = JsonNode.Parse(text)!.AsObject();
        Assert.True((int)delivery["opened"]! == 1, "the alert joined another test's incident: " + text);
        return (string)delivery["incidents"]![0]!;
    }
}
