using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using ServerlessIR.Adapters.Notifications;
using ServerlessIR.StandIns.Graph;

namespace ServerlessIR.Adapters.Tests.Notifications;

/// <summary>The Graph stand-in on a real loopback port, with a real GraphServiceClient pointed at it. Shared by a test class.</summary>
public sealed class GraphStandInFixture : IAsyncLifetime
{
    public const string Sender = "ir-bot@northwind.example";
    public const string Approver = "security-lead@northwind.example";
    public const string GroupId = "00000000-0000-0000-0000-00000000a001";

    private WebApplication? app;

    public GraphStandInState State { get; } = new();
    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Http { get; } = new();
    public GraphServiceClient Graph { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        State.AddUser(Sender);
        State.AddGroup(GroupId, [Approver, "deputy@northwind.example"]);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.MapGraphStandIn(State);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Graph = new GraphServiceClient(Http, new StandInAuthenticationProvider(), new Uri(BaseAddress, "/v1.0").ToString());
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
