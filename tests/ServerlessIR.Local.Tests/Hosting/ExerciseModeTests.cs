using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Local.Drill;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Tests.Hosting;

/// <summary>
/// Exercise mode end to end (docs/exercises.md): an exercise event through the real webhook, the real adapters, the
/// Salesforce stand-in with each org at its own URL and the Graph stand-in, in the local host and through the Functions
/// app's own classes. The proof the issue asks for: the production org is never called, and every message says EXERCISE.
/// </summary>
[Trait("Category", "Storage")]
[Trait("Category", "Durable")]
public sealed class ExerciseModeTests
{
    private const string ProductionOrg = "northwind-prod";
    private const string ExerciseOrg = "northwind-exercise";
    private const string Dpo = "dpo@northwind.example";

    [Theory]
    [InlineData(PipelineHost.Local)]
    [InlineData(PipelineHost.Functions)]
    public async Task PostEvents_ExerciseFromTrustedSource_ActsOnExerciseOrgOnlyAndMarksEveryMessage(PipelineHost host)
    {
        var state = Path.Combine(Path.GetTempPath(), "ir-exercise-" + Guid.NewGuid().ToString("N"));
        var storage = await TestAzurite.GetAsync();
        await using var pipeline = await LocalPipeline.StartAsync(new LocalPipelineOptions
        {
            ApiPort = 0,
            AzuriteBlobPort = storage.BlobPort,
            StateFolder = state,
            StoragePrefix = TestStorageAccount.NewPrefix("exr"),
            TaskHub = TestStorageAccount.NewTaskHub("exercise"),
            PlaybookPath = await TestPlaybooks.WriteDefaultAsync(state, perDay: 20),
            Host = host,
            // 30 incident hours in about 30 s: the 24-hour checkpoint drafts the Art. 33 notice, which the DPO marks submitted.
            TimeScale = 3_600,
            HorizonHours = 30,
            SimulatedPeople = true,
        });
        using var stopPeople = new CancellationTokenSource();
        var approvers = new Scenario("exercise", null, [], [new ScenarioApprover(pipeline.Playbook.Approvals.Tiers[0].Name, "approve", 0.2)]);
        var people = new DrillPeople(pipeline, approvers, Stopwatch.StartNew(), _ => Task.CompletedTask).RunAsync(stopPeople.Token);
        try
        {
            // What came before the exercise (under --host functions, the reminder timer's run at start) is not its message.
            pipeline.Graph!.Clear();
            var callsBefore = pipeline.Salesforce!.Calls.Count;

            var delivery = await PostAsync(pipeline, ExerciseEvent("/serverlessir/exercises/tests", "exercise-" + Guid.NewGuid().ToString("N")));
            Assert.Equal(1, (int)delivery["opened"]!);
            var incidentId = (string)delivery["incidents"]![0]!;
            Assert.StartsWith("exr-", incidentId, StringComparison.Ordinal);

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var done = await pipeline.Client.WaitForInstanceCompletionAsync(incidentId, getInputsAndOutputs: true, timeout.Token);
            var summary = done.ReadOutputAs<IncidentSummary>()!;

            // The Salesforce steps ran on the exercise org; the Key Vault rotation and the AI fallback have no exercise twin,
            // so they are held for a person and the incident stays Containing (docs/exercises.md).
            Assert.Equal(IncidentStatus.Containing, summary.Status);
            Assert.All(summary.Containment, c => Assert.Equal(
                c.Action.StartsWith("salesforce.", StringComparison.Ordinal) ? Core.Containment.ContainmentStatus.Succeeded : Core.Containment.ContainmentStatus.Held, c.Status));
            Assert.Equal(ExerciseOrg, summary.Org);
            var calls = pipeline.Salesforce.Calls.Skip(callsBefore).ToList();
            // Production sees only the relay, as always: its sign-in and its polls of the threat-detection event stores.
            Assert.All(calls.Where(c => c.Org == ProductionOrg), c => Assert.True(IsRelayCall(c), $"the exercise called production: {c.Method} {c.Path}"));
            // The containment steps reached the exercise org: its sign-in, lookups and changes (freeze, revoke, remove).
            var exerciseCalls = calls.Where(c => c.Org == ExerciseOrg).ToList();
            Assert.Contains(exerciseCalls, c => c.Path.StartsWith("/services/oauth2/token", StringComparison.Ordinal) && c.Status == 200);
            Assert.Contains(exerciseCalls, c => c.Method == "PATCH" && c.Path.Contains("/sobjects/UserLogin/", StringComparison.Ordinal));
            Assert.Contains(exerciseCalls, c => c.Path.StartsWith("/services/oauth2/revoke", StringComparison.Ordinal));

            // No customer is written to: the data-subject notice is withheld, never handed to the bulk channel.
            Assert.DoesNotContain(pipeline.Graph.Messages, m => m.Kind == "bulk");
            // Every Graph e-mail, activity-feed notice and Teams post of the exercise is marked. (Under --host functions the
            // ExerciseReminder timer may also e-mail the owners that an exercise is due: that mail is about exercises, not
            // one of this exercise's messages.)
            var messages = pipeline.Graph.Messages.Where(m => !m.RawBody.Contains("exercise-reminder/", StringComparison.Ordinal)).ToList();
            Assert.Contains(messages, m => m.Kind == "mail");
            Assert.Contains(messages, m => m.Kind == "activity");
            Assert.Contains(messages, m => m.Kind == "teams-webhook");
            Assert.All(messages, m =>
            {
                Assert.True(m.Subject?.StartsWith("EXERCISE", StringComparison.Ordinal) == true, $"{m.Kind} to {string.Join(",", m.To)} unmarked: {m.Subject}");
                Assert.Contains("EXERCISE", m.Kind == "teams-webhook" ? m.CardJson : m.Body, StringComparison.Ordinal);
            });

            Assert.Contains(summary.Obligations, o => o.Status == ObligationStatus.ExerciseSubmitted);
            Assert.DoesNotContain(summary.Obligations, o => o.Status == ObligationStatus.Submitted);
        }
        finally
        {
            await stopPeople.CancelAsync();
            await people;
            try { Directory.Delete(state, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [Fact]
    public async Task PostEvents_ExerciseFromUntrustedSource_RejectedWithTheSourceNamed()
    {
        var state = Path.Combine(Path.GetTempPath(), "ir-exercise-" + Guid.NewGuid().ToString("N"));
        var storage = await TestAzurite.GetAsync();
        await using var pipeline = await LocalPipeline.StartAsync(new LocalPipelineOptions
        {
            ApiPort = 0,
            AzuriteBlobPort = storage.BlobPort,
            StateFolder = state,
            StoragePrefix = TestStorageAccount.NewPrefix("exr"),
            TaskHub = TestStorageAccount.NewTaskHub("exercise"),
            SimulatedPeople = true,
        });
        try
        {
            var id = "forged-exercise-" + Guid.NewGuid().ToString("N");

            var delivery = await PostAsync(pipeline, ExerciseEvent("/attacker/exercises", id));

            Assert.Equal(0, (int)delivery["opened"]!);
            Assert.Equal(1, (int)delivery["rejected"]!);
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(pipeline.ApiUrl, "/api/events/rejected"));
            request.Headers.Add(LocalApproverIdentityResolver.HeaderName, Dpo);
            using var response = await http.SendAsync(request);
            var rejected = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, rejected);
            Assert.Contains(id, rejected, StringComparison.Ordinal);
            Assert.Contains("'/attacker/exercises' is not a trusted exercise source", rejected, StringComparison.Ordinal);
            Assert.All(pipeline.Salesforce!.Calls.Where(c => c.Org is not null), c => Assert.True(IsRelayCall(c), $"{c.Org}: {c.Method} {c.Path}"));
        }
        finally
        {
            try { Directory.Delete(state, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The Salesforce relay's own traffic: signing in and reading the threat-detection event stores, never a change.</summary>
    private static bool IsRelayCall(ServerlessIR.StandIns.Salesforce.RecordedCall call) =>
        (call.Method == "POST" && call.Path.StartsWith("/services/oauth2/token", StringComparison.Ordinal)) ||
        (call.Method == "GET" && call.Path.Contains("EventStore", StringComparison.Ordinal));

    private static async Task<JsonObject> PostAsync(LocalPipeline pipeline, JsonObject cloudEvent)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(pipeline.EventsUrl,
            new StringContent(cloudEvent.ToJsonString(), Encoding.UTF8, "application/cloudevents+json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The BNPL connector's leak as an exercise event: the real type's data under the exercise type.</summary>
    private static JsonObject ExerciseEvent(string source, string id) => new()
    {
        ["specversion"] = "1.0",
        ["type"] = "ServerlessIR.Exercise.AiDataLeak.Detected",
        ["source"] = source,
        ["id"] = id,
        ["data"] = new JsonObject
        {
            ["detectedAt"] = DateTimeOffset.UtcNow,
            ["orgId"] = ProductionOrg,
            ["connectedApp"] = "BNPL Scoring Connector",
            ["principal"] = new JsonObject { ["type"] = "integration-user", ["id"] = "0055g00000BNPLint" },
            ["dataCategories"] = new JsonArray("contact", "financial"),
            ["estimatedSubjects"] = 5000,
            ["summary"] = "quarterly exercise: BNPL connector leak",
        },
    };
}
