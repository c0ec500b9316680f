using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Adapters.Incidents;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Adapters.Tests.Evidence;
using ServerlessIR.Adapters.Tests.Storage;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.StandIns.Entra;
using ServerlessIR.StandIns.Storage;

namespace ServerlessIR.Adapters.Tests.Http;

/// <summary>
/// Issue 18 item 6 through the real handler: Event Grid's Entra token validated against the OpenID stand-in over HTTP
/// (metadata and key set), the handshake's origin, the validation event's topic and subscription, and the event's source.
/// </summary>
[Trait("Category", "Storage")]
[Collection(AzuriteCollection.Name)]
public sealed class EventsHandlerAuthenticationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string ClientId = "11111111-2222-3333-4444-555555555555";
    private const string Topic = "/subscriptions/0000/resourceGroups/rg-ir/providers/Microsoft.EventGrid/topics/evgt-ir";

    private readonly OpenIdStandInState entra = new(Tenant);
    private WebApplication openId = null!;
    private ServiceProvider services = null!;
    private IncidentTestHost host = null!;

    private EventsHandler Handler => services.GetRequiredService<EventsHandler>();

    public async Task InitializeAsync()
    {
        var port = AzuriteLauncher.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port));
        openId = builder.Build();
        openId.MapOpenIdStandIn(entra);
        await openId.StartAsync();

        services = await HandlerTestServices.BuildAsync(azurite, "auth", new Dictionary<string, string?>
        {
            ["ServerlessIR:EventGrid:TenantId"] = Tenant,
            ["ServerlessIR:EventGrid:Audience"] = ClientId,
            ["ServerlessIR:EventGrid:Authority"] = $"http://127.0.0.1:{port}/",
            ["ServerlessIR:EventGrid:TopicResourceId"] = Topic,
            ["ServerlessIR:EventGrid:SubscriptionName"] = "serverlessir-events",
        }, (collection, configuration) =>
        {
            collection.AddSingleton(new Pseudonymizer(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
            collection.AddIngestion(configuration);
        });
        host = await IncidentTestHost.StartAsync(TestPlaybook.RevokeOnly());
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await services.DisposeAsync();
        await openId.StopAsync();
        await openId.DisposeAsync();
        entra.Dispose();
    }

    private static JsonObject Alert(string source = "/salesforce/orgs/northwind-prod/ApiAnomalyEventStore", string? id = null) => new()
    {
        ["specversion"] = "1.0",
        ["type"] = "Salesforce.EventMonitoring.ApiAnomalyEvent",
        ["source"] = source,
        ["id"] = id ?? Guid.NewGuid().ToString(),
        ["data"] = new JsonObject
        {
            ["EventDate"] = DateTimeOffset.UtcNow.ToString("o"),
            ["EventIdentifier"] = Guid.NewGuid().ToString(),
            ["UserId"] = "005" + Guid.NewGuid().ToString("N")[..15],
            ["Score"] = 0.4,
            ["Summary"] = "Unusually high API usage",
        },
    };

    private static JsonArray Validation(string topic, string subscription) =>
    [
        new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(), ["topic"] = topic, ["subject"] = "",
            ["eventType"] = "Microsoft.EventGrid.SubscriptionValidationEvent", ["eventTime"] = DateTimeOffset.UtcNow.ToString("o"),
            ["dataVersion"] = "1", ["metadataVersion"] = "1",
            ["data"] = new JsonObject
            {
                ["validationCode"] = "code-123",
                ["validationUrl"] = $"https://rp-westeurope.eventgrid.azure.net:553/eventsubscriptions/{subscription}/validate?id=code-123&t=2026-11-30",
            },
        },
    ];

    private string Token(TimeSpan? lifetime = null, string audience = ClientId, RSA? signWith = null) =>
        entra.Mint(audience, DateTimeOffset.UtcNow, lifetime, signWith: signWith);

    private async Task<(int Status, string Body)> PostAsync(JsonNode body, string? bearer, string contentType = "application/cloudevents-batch+json")
    {
        var context = HandlerTestServices.Post(services, body.ToJsonString(), contentType);
        if (bearer is not null)
        {
            context.Request.Headers.Authorization = "Bearer " + bearer;
        }
        var (status, _, answer) = await HandlerTestServices.ExecuteAsync(await Handler.PostAsync(context.Request, host.Client), context);
        return (status, answer);
    }

    [Fact]
    public async Task PostAsync_ValidStandInToken_Accepted()
    {
        var (status, body) = await PostAsync(new JsonArray(Alert()), Token());

        Assert.Equal(200, status);
        Assert.Equal(1, (int)JsonNode.Parse(body)!["opened"]! + (int)JsonNode.Parse(body)!["joined"]!);
    }

    [Fact]
    public async Task PostAsync_NoToken_401ProblemNamingTheHeader()
    {
        var (status, body) = await PostAsync(new JsonArray(Alert()), null);

        Assert.Equal(401, status);
        Assert.Contains("no Authorization header", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAsync_TokenSignedByAKeyTheTenantDoesNotPublish_401()
    {
        using var forger = RSA.Create(2048);

        var (status, body) = await PostAsync(new JsonArray(Alert()), Token(signWith: forger));

        Assert.Equal(401, status);
        Assert.Contains("signature", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAsync_ExpiredToken_401()
    {
        var (status, body) = await PostAsync(new JsonArray(Alert()), entra.Mint(ClientId, DateTimeOffset.UtcNow.AddHours(-3), TimeSpan.FromHours(1)));

        Assert.Equal(401, status);
        Assert.Contains("expired", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAsync_TokenForAnotherAudience_401()
    {
        var (status, body) = await PostAsync(new JsonArray(Alert()), Token(audience: "api://someone-else"));

        Assert.Equal(401, status);
        Assert.Contains("another audience", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAsync_TokenOfAnotherApplicationOrWithoutRole_401()
    {
        var (otherApp, otherAppBody) = await PostAsync(new JsonArray(Alert()), entra.Mint(ClientId, DateTimeOffset.UtcNow, appId: "00000000-1111-2222-3333-444444444444"));
        var (noRole, noRoleBody) = await PostAsync(new JsonArray(Alert()), entra.Mint(ClientId, DateTimeOffset.UtcNow, roles: []));

        Assert.Equal(401, otherApp);
        Assert.Contains("not Event Grid", otherAppBody, StringComparison.Ordinal);
        Assert.Equal(401, noRole);
        Assert.Contains("AzureEventGridSecureWebhookSubscriber", noRoleBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAsync_SmokeEventWithoutToken_AcceptedOnTheFunctionKeyAlone()
    {
        var smoke = new JsonObject { ["specversion"] = "1.0", ["type"] = "ServerlessIR.Smoke", ["source"] = "/serverlessir/ir-smoke", ["id"] = "smoke-" + Guid.NewGuid().ToString("N")[..12], ["data"] = new JsonObject() };

        var (status, _) = await PostAsync(new JsonArray(smoke), null);

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task PostAsync_EventFromAnotherSource_RejectedAndRecordedWithItsReason()
    {
        var id = Guid.NewGuid().ToString();

        var (status, body) = await PostAsync(new JsonArray(Alert(source: "/subscriptions/9999/providers/Microsoft.EventGrid/topics/attacker", id: id)), Token());
        var recorded = (await services.GetRequiredService<RejectedEventStore>().ListAsync(1000)).Where(r => r.EventId == id).ToList();

        Assert.Equal(200, status);
        Assert.Equal(1, (int)JsonNode.Parse(body)!["rejected"]!);
        Assert.Contains("is not the configured Event Grid topic", Assert.Single(recorded).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAsync_ValidationForTheConfiguredTopicAndSubscription_Answered()
    {
        var (status, body) = await PostAsync(Validation(Topic, "serverlessir-events"), Token(), "application/json");

        Assert.Equal(200, status);
        Assert.Equal("code-123", (string)JsonNode.Parse(body)!["validationResponse"]!);
    }

    [Theory]
    [InlineData("/subscriptions/9999/resourceGroups/x/providers/Microsoft.EventGrid/topics/other", "serverlessir-events", "Unexpected topic")]
    [InlineData(Topic, "someone-elses", "Unexpected subscription")]
    public async Task PostAsync_ValidationForAnotherTopicOrSubscription_Refused(string topic, string subscription, string title)
    {
        var (status, body) = await PostAsync(Validation(topic, subscription), Token(), "application/json");

        Assert.Equal(403, status);
        Assert.Contains(title, body, StringComparison.Ordinal);
        Assert.DoesNotContain("validationResponse", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eventgrid.azure.net", 200)]
    [InlineData("EventGrid.Azure.Net", 200)]
    [InlineData("evil.example", 403)]
    [InlineData("eventgrid.azure.net.evil.example", 403)]
    public async Task Options_Origin_OnlyEventGridsIsAnswered(string origin, int expected)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "OPTIONS";
        context.Request.Headers["WebHook-Request-Origin"] = origin;

        var result = EventsHandler.Options(context.Request);
        await result.ExecuteAsync(context);

        Assert.Equal(expected, context.Response.StatusCode);
        Assert.Equal(expected == 200 ? origin : "", context.Response.Headers["WebHook-Allowed-Origin"].ToString());
    }
}
