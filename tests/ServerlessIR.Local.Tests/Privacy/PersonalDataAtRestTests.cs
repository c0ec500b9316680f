using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using ServerlessIR.Core.Privacy;
using ServerlessIR.Local.Hosting;
using ServerlessIR.Local.Tests.Approvals;
using ServerlessIR.Local.Tests.Hosting;

namespace ServerlessIR.Local.Tests.Privacy;

/// <summary>
/// Issue 17's "Done when": an incident on the local pipeline fed with e-mail addresses, phone numbers and card numbers in
/// its free text (alert summaries, an Azure Monitor rule name, a facts note, a law-enforcement hold's reason, a false
/// positive's reason) leaves none of them in any table or blob of its storage (its prefix and its durable task hub:
/// history, instances, large messages) except the restricted raw-alert container, which keeps the alert as sent.
/// </summary>
[Trait("Category", "Storage")]
[Collection(LocalPipelineCollection.Name)]
public sealed class PersonalDataAtRestTests(LocalPipelineFixture fixture)
{
    private const string Caller = "X-ServerlessIR-Local-Approver";
    private const string Dpo = "dpo@northwind.example";

    private LocalPipeline Pipeline => fixture.Pipeline;

    [Fact]
    public async Task Drill_SeededPersonalDataInFreeText_NoneAtRestOutsideTheRawAlertStore()
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var email = $"seed.{unique}@customers.example";
        var holdEmail = $"suspect.{unique}@mail.example";
        var digits = string.Concat(RandomNumberGenerator.GetBytes(4).Select(b => (char)('0' + b % 10)));
        var phone = $"+44 20 7946 {digits}";
        var card = CardNumber();
        var cardGrouped = string.Join(' ', card.Chunk(4).Select(c => new string(c)));
        var seeded = new[] { email, holdEmail, phone, "+442079" + "46" + digits, card, cardGrouped };
        Assert.All(seeded.Take(4), s => Assert.True(FreeTextScrubber.Contains(s), s));

        using var http = new HttpClient();
        var org = "org-" + unique;
        var incidentId = await PostAsync(http, new
        {
            specversion = "1.0", type = "ServerlessIR.AiDataLeak.Detected", source = "/tests/pii", id = "pii-1-" + unique,
            data = new
            {
                detectedAt = DateTimeOffset.UtcNow, orgId = org, principal = new { type = "user", id = "005PII" + unique },
                dataCategories = new[] { "contact", "payment-card" }, jurisdictions = new[] { "DE" }, estimatedSubjects = 800,
                summary = $"Einstein reply quoted {email}, phone {phone} and card {cardGrouped} to another shopper",
            },
        }, "application/cloudevents+json");
        fixture.AnswerMyself(incidentId);
        var joined = await PostAsync(http, new
        {
            specversion = "1.0", type = "ServerlessIR.AiDataLeak.Detected", source = "/tests/pii", id = "pii-2-" + unique,
            data = new
            {
                detectedAt = DateTimeOffset.UtcNow, orgId = org, principal = new { type = "user", id = "005PII" + unique },
                dataCategories = new[] { "financial" }, estimatedSubjects = 1200, malicious = true,
                summary = $"Second export: customer {email} (card {card}) called from {phone}",
            },
        }, "application/cloudevents+json");
        Assert.Equal(incidentId, joined);
        var monitorIncident = await PostAsync(http, new[]
        {
            new
            {
                id = "pii-3-" + unique, subject = "alerts", eventType = "Microsoft.Insights.AlertFired", dataVersion = "1.0",
                eventTime = DateTimeOffset.UtcNow, topic = "/tests/pii",
                data = new
                {
                    schemaId = "azureMonitorCommonAlertSchema",
                    data = new
                    {
                        essentials = new
                        {
                            alertRule = $"Exfiltration to {email} / {phone}", severity = "Sev2", signalType = "Log", monitorCondition = "Fired",
                            firedDateTime = DateTimeOffset.UtcNow, alertTargetIDs = new[] { $"/subscriptions/{Guid.NewGuid()}/resourcegroups/rg-{unique}/providers/x/y/z" },
                        },
                    },
                },
            },
        }, "application/json");
        fixture.AnswerMyself(monitorIncident);

        await ActAsync(http, $"/api/incidents/{incidentId}/facts", new
        {
            note = $"Customer service reached {email} on {phone}",
            lawEnforcementHold = new { requestedBy = "Det. Insp. Dibble, Metropolitan Police", reason = $"Suspect uses {holdEmail} and {phone}; card {cardGrouped} is evidence" },
        });
        await ActAsync(http, $"/api/incidents/{monitorIncident}/false-positive", new { reason = $"Test mailbox {email}, test line {phone}" });

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        // With every free text in, the first tier approves the step the incident asks for, as a person would from the card:
        // left unanswered, the incident would wait out each tier of the ladder (a minute each here) before it could end.
        var tier = Pipeline.Playbook.Approvals.Tiers[0];
        var link = await ApprovalLinks.WaitForCardLinkAsync(Pipeline, incidentId, tier.Name, timeout.Token);
        using (var approved = await http.SendAsync(ApprovalLinks.Post(link, tier.Approvers[0], new() { ["decision"] = "approve" }), timeout.Token))
        {
            Assert.True(approved.StatusCode == HttpStatusCode.OK, $"approval: {(int)approved.StatusCode} {await approved.Content.ReadAsStringAsync(timeout.Token)}");
        }
        await Pipeline.Client.WaitForInstanceCompletionAsync(incidentId, getInputsAndOutputs: false, timeout.Token);
        await Pipeline.Client.WaitForInstanceCompletionAsync(monitorIncident, getInputsAndOutputs: false, timeout.Token);

        var found = new List<string>();
        var scanned = 0;
        var rawSeen = false;
        void Scan(string where, string text)
        {
            scanned++;
            found.AddRange(seeded.Where(s => text.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(s => $"'{s}' in {where}"));
        }
        await foreach (var stored in fixture.StoredItemsAsync(timeout.Token))
        {
            if (stored.Container?.EndsWith("raw-alerts", StringComparison.Ordinal) == true)
            {
                rawSeen |= stored.Text.Contains(email, StringComparison.Ordinal);
                continue;
            }
            Scan(stored.Where, stored.Text);
        }

        Assert.True(found.Count == 0, string.Join("\n", found.Distinct().Take(30)));
        Assert.True(scanned > 50, $"only {scanned} items scanned: the scan did not reach the stores");
        Assert.True(rawSeen, "the seeded alert is not in the restricted raw-alert store: the scan proves nothing");
    }

    private async Task<string> PostAsync(HttpClient http, object body, string contentType)
    {
        using var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, contentType);
        using var response = await http.PostAsync(Pipeline.EventsUrl, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return (string)JsonNode.Parse(text)!["incidents"]![0]!;
    }

    /// <summary>Posts an action, retrying while the incident's record is not written yet (the route answers 404 until then).</summary>
    private async Task ActAsync(HttpClient http, string path, object body)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(2);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Pipeline.ApiUrl, path))
            {
                Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(Caller, Dpo);
            using var response = await http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.NotFound && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(250);
                continue;
            }
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return;
        }
    }

    /// <summary>A Visa-like 16-digit number that passes the Luhn check, unique to the run.</summary>
    private static string CardNumber()
    {
        var body = "4" + string.Concat(RandomNumberGenerator.GetBytes(14).Select(b => (char)('0' + b % 10)));
        for (var check = 0; check < 10; check++)
        {
            if (FreeTextScrubber.PassesLuhn(body + check)) return body + check;
        }
        throw new InvalidOperationException("unreachable: one check digit always fits");
    }
}
