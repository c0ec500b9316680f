using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Adapters.Approvals;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Adapters.Incidents;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Adapters.Tests.Evidence;
using ServerlessIR.Adapters.Tests.Storage;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Secrets;
using ServerlessIR.TestSupport.Fakes;

namespace ServerlessIR.Adapters.Tests.Http;

/// <summary>
/// The false-positive and facts routes through <see cref="IncidentActionsHandler"/> as the Functions app composes it (App
/// Service Authentication's principal, the dual-control table on Azurite, a running incident on the in-process durable
/// host): a caller is one of the playbook's people by Entra object ID, and a matching UPN or preferred_username with
/// another object ID is refused.
/// </summary>
[Trait("Category", "Storage")]
[Collection(AzuriteCollection.Name)]
public sealed class IncidentActionsHandlerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string PublicUrl = "https://func-serverlessir.example";
    private const string Approver = "security-lead@northwind.example";

    /// <summary>The default playbook's object ID for <see cref="Approver"/>.</summary>
    private const string ApproverObjectId = "00000000-0000-0000-0000-0000000a0001";

    /// <summary>Someone else in the tenant who was given (or took over) the approver's name.</summary>
    private const string OtherObjectId = "00000000-0000-0000-0000-00000000ffff";

    private const string UpnClaim = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn";

    private readonly MemoryMail mail = new();
    private ServiceProvider services = null!;
    private IncidentTestHost host = null!;
    private string incidentId = null!;

    private IncidentActionsHandler Handler => services.GetRequiredService<IncidentActionsHandler>();

    public async Task InitializeAsync()
    {
        services = await HandlerTestServices.BuildAsync(azurite, "acts", new Dictionary<string, string?>
        {
            ["ServerlessIR:Approvals:PublicBaseUrl"] = PublicUrl,
            // As the deployed app is configured: the caller is whoever App Service Authentication signed in.
            ["ServerlessIR:Auth:RunningBehindAppServiceAuth"] = "true",
        }, (collection, configuration) =>
        {
            // The default playbook names its approvers and gives their object IDs; no Entra group is read.
            collection.AddSingleton(new TierApprovers());
            collection.AddSingleton<ISecretStore>(new FixedSecretStore(new string('k', 48)));
            collection.AddSingleton<IMailSender>(mail);
            collection.AddSingleton<IActivityFeedNotifier>(new PeopleFakes());
            collection.AddSingleton<INotificationLedger>(new InMemoryNotificationLedger());
            collection.AddApprovals(configuration);
        });

        // A running incident, for the request that is let through. It awaits closure, as the deployed app's incidents do, so
        // it is still running when asked however fast its containment ran (with no checkpoint inside the horizon it would
        // otherwise complete at once, and the request would be refused as too late).
        host = await IncidentTestHost.StartAsync(TestPlaybook.RevokeOnly());
        incidentId = await host.OpenAsync("inc-acts-", new IncidentRuntime(1, HorizonHours: 1, AwaitClosure: true));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        IncidentSummary? row;
        while ((row = host.Store.Rows.GetValueOrDefault(incidentId)) is null)
        {
            await Task.Delay(20, timeout.Token);
        }
        await services.GetRequiredService<IIncidentStore>().UpsertAsync(row, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await services.DisposeAsync();
    }

    /// <summary>X-MS-CLIENT-PRINCIPAL as App Service Authentication sends it: the approver's name in <paramref name="nameClaim"/>, and an object ID.</summary>
    private static string Principal(string nameClaim, string objectId) => Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject
    {
        ["auth_typ"] = "aad",
        ["claims"] = new JsonArray(
            new JsonObject { ["typ"] = "name", ["val"] = "Sam Lead" },
            new JsonObject { ["typ"] = nameClaim, ["val"] = Approver },
            new JsonObject { ["typ"] = "http://schemas.microsoft.com/identity/claims/objectidentifier", ["val"] = objectId }),
        ["name_typ"] = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
        ["role_typ"] = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
    }.ToJsonString()));

    private DefaultHttpContext Post(string path, JsonObject body, string principal)
    {
        var context = HandlerTestServices.Post(services, body.ToJsonString(), "application/json");
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("func-serverlessir.example");
        context.Request.Path = path;
        context.Request.Headers.Origin = PublicUrl;
        context.Request.Headers[AppServiceApproverIdentityResolver.HeaderName] = principal;
        return context;
    }

    private static async Task<(int Status, string ContentType, JsonObject Body)> ExecuteAsync(IResult result, DefaultHttpContext context)
    {
        var (status, contentType, body) = await HandlerTestServices.ExecuteAsync(result, context);
        return (status, contentType, JsonNode.Parse(body)!.AsObject());
    }

    private async Task<(int Status, string ContentType, JsonObject Body)> FalsePositiveAsync(string principal)
    {
        var context = Post($"/api/incidents/{incidentId}/false-positive", new JsonObject { ["reason"] = "Red-team exercise" }, principal);
        return await ExecuteAsync(await Handler.PostFalsePositiveAsync(context.Request, incidentId, host.Client), context);
    }

    private async Task<(int Status, string ContentType, JsonObject Body)> HoldAsync(string principal)
    {
        var body = new JsonObject
        {
            ["lawEnforcementHold"] = new JsonObject
            {
                ["regimes"] = new JsonArray("gdpr-art34"),
                ["requestedBy"] = "BKA Referat SO 41",
                ["reason"] = "Notifying customers would alert the suspects",
            },
        };
        var context = Post($"/api/incidents/{incidentId}/facts", body, principal);
        return await ExecuteAsync(await Handler.PostFactsAsync(context.Request, incidentId, host.Client), context);
    }

    private async Task<int> StoredRequestsAsync()
    {
        var table = services.GetRequiredService<TableServiceClient>().GetTableClient(services.GetRequiredService<TableNames>().DualControl);
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(e => e.PartitionKey == incidentId))
        {
            count++;
        }
        return count;
    }

    private async Task AssertRefusedAsync((int Status, string ContentType, JsonObject Body) answer)
    {
        Assert.Equal(StatusCodes.Status403Forbidden, answer.Status);
        Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
        Assert.Equal("Not allowed", answer.Body["title"]?.GetValue<string>());
        Assert.Contains(OtherObjectId, answer.Body["detail"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await StoredRequestsAsync());
        Assert.Empty(mail.Sent);
    }

    [Theory]
    [InlineData(UpnClaim)]
    [InlineData("preferred_username")]
    public async Task PostFalsePositiveAsync_ApproverNameWithOtherObjectId_Refused403AndNothingRequested(string nameClaim) =>
        await AssertRefusedAsync(await FalsePositiveAsync(Principal(nameClaim, OtherObjectId)));

    [Theory]
    [InlineData(UpnClaim)]
    [InlineData("preferred_username")]
    public async Task PostFactsAsync_ApproverNameWithOtherObjectId_Refused403AndNothingRequested(string nameClaim) =>
        await AssertRefusedAsync(await HoldAsync(Principal(nameClaim, OtherObjectId)));

    [Fact]
    public async Task PostFalsePositiveAsync_ListedObjectId_Accepted202AndSecondPersonAsked()
    {
        var (status, _, body) = await FalsePositiveAsync(Principal(UpnClaim, ApproverObjectId));

        Assert.Equal(StatusCodes.Status202Accepted, status);
        Assert.Equal("pending", body["status"]?.GetValue<string>());
        Assert.Equal(Approver, body["requestedBy"]?.GetValue<string>());
        Assert.Equal(1, await StoredRequestsAsync());
        // Asked: everyone else who may act; never the requester.
        var asked = Assert.Single(mail.Sent, m => m.Template == DualControlDesk.Template);
        Assert.DoesNotContain(Approver, asked.To);
        // Nothing is raised before the second person approves: the incident runs on.
        Assert.NotEqual(IncidentStatus.FalsePositive, host.Store.Rows[incidentId].Status);
    }

    [Fact]
    public async Task PostFactsAsync_ListedObjectId_Accepted202AndStatusUrlShowsPending()
    {
        var (status, _, body) = await HoldAsync(Principal("preferred_username", ApproverObjectId));

        Assert.Equal(StatusCodes.Status202Accepted, status);
        var requestId = body["requestId"]!.GetValue<string>();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Headers[AppServiceApproverIdentityResolver.HeaderName] = Principal(UpnClaim, ApproverObjectId);
        context.Response.Body = new MemoryStream();
        var (statusOfRequest, _, stored) = await ExecuteAsync(await Handler.GetRequestAsync(context.Request, incidentId, requestId), context);
        Assert.Equal(StatusCodes.Status200OK, statusOfRequest);
        Assert.Equal("pending", stored["status"]?.GetValue<string>());
        Assert.Equal("facts", stored["kind"]?.GetValue<string>());
        Assert.Contains("law-enforcement hold", stored["summary"]?.GetValue<string>(), StringComparison.Ordinal);
    }
    [Fact]
    public async Task PostTaskAsync_OwnerNotAnAddress_Refused400NamingOwner()
    {
        var context = Post($"/api/incidents/{incidentId}/tasks",
            new JsonObject { ["title"] = "Rotate the certificate", ["owner"] = "Sam", ["due"] = "2026-12-01T12:00:00Z" }, Principal(UpnClaim, ApproverObjectId));

        var (status, contentType, body) = await ExecuteAsync(await Handler.PostTaskAsync(context.Request, incidentId, host.Client), context);

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.StartsWith("application/problem+json", contentType, StringComparison.Ordinal);
        Assert.Contains(body["errors"]!.AsArray(), e => e!.GetValue<string>().StartsWith("owner:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostTaskAsync_Valid_Accepted202WithTaskId()
    {
        var context = Post($"/api/incidents/{incidentId}/tasks",
            new JsonObject { ["title"] = "Rotate the certificate", ["owner"] = "sam@northwind.example", ["due"] = "2026-12-01T12:00:00Z" },
            Principal(UpnClaim, ApproverObjectId));

        var (status, _, body) = await ExecuteAsync(await Handler.PostTaskAsync(context.Request, incidentId, host.Client), context);

        Assert.Equal(StatusCodes.Status202Accepted, status);
        Assert.StartsWith("t-", body["taskId"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostTaskAsync_ApproverNameWithOtherObjectId_Refused403()
    {
        var context = Post($"/api/incidents/{incidentId}/tasks",
            new JsonObject { ["title"] = "x", ["owner"] = "sam@northwind.example", ["due"] = "2026-12-01T12:00:00Z" }, Principal(UpnClaim, OtherObjectId));

        var (status, _, _) = await ExecuteAsync(await Handler.PostTaskAsync(context.Request, incidentId, host.Client), context);

        Assert.Equal(StatusCodes.Status403Forbidden, status);
    }

    [Fact]
    public async Task PostCloseAsync_OpenTaskAndObligationPending_Refused409NamingEach()
    {
        var store = services.GetRequiredService<IIncidentStore>();
        var row = (await store.GetAsync(incidentId))!;
        var due = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        await store.UpsertAsync(row with
        {
            Tasks = [new IncidentTask("seed-1", "Rotate the certificate", "sam@northwind.example", due, null, "playbook", "playbook")],
            Obligations = [new ObligationSummary("gdpr-art33", "BfDI", due, "fixed", ObligationStatus.Pending, [])],
        });
        var context = Post($"/api/incidents/{incidentId}/close",
            new JsonObject { ["rootCause"] = "c", ["controlChanges"] = "d" }, Principal(UpnClaim, ApproverObjectId));

        var (status, contentType, body) = await ExecuteAsync(await Handler.PostCloseAsync(context.Request, incidentId, host.Client), context);

        Assert.Equal(StatusCodes.Status409Conflict, status);
        Assert.StartsWith("application/problem+json", contentType, StringComparison.Ordinal);
        Assert.Contains(body["errors"]!.AsArray(), e => e!.GetValue<string>().StartsWith("obligation gdpr-art33", StringComparison.Ordinal));
        Assert.Contains(body["errors"]!.AsArray(), e => e!.GetValue<string>().StartsWith("task seed-1", StringComparison.Ordinal));
        Assert.Equal(0, await StoredRequestsAsync());
    }
}
