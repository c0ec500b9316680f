using ServerlessIR.StandIns.AiFeatures;
using ServerlessIR.StandIns.Bulk;
using ServerlessIR.StandIns.Graph;
using ServerlessIR.StandIns.KeyVault;
using ServerlessIR.StandIns.Salesforce;
using ServerlessIR.StandIns.ServiceNow;
using ServerlessIR.StandIns.Storage;

namespace ServerlessIR.Local.Hosting;

/// <summary>One Kestrel server on loopback for the vendor stand-ins: Salesforce (<c>/services</c>), the AI features' owning services (<c>/ai-features</c>), Graph (<c>/v1.0</c>), Teams Workflows (<c>/workflows</c>), ServiceNow (<c>/api/now</c>, <c>/oauth_token.do</c>).</summary>
public sealed class StandInHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private StandInHost(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<StandInHost> StartAsync(LocalPipeline pipeline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var port = AzuriteLauncher.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port));
        var app = builder.Build();
        app.UseLoopbackHostsOnly(port);
        app.MapSalesforceStandIn(pipeline.Salesforce!);
        app.MapSalesforceContainment(pipeline.Salesforce!);
        app.MapAiFeatureStandIn(pipeline.AiFeatures!);
        app.MapGraphStandIn(pipeline.Graph!);
        app.MapBulkMailStandIn(pipeline.Graph!);
        app.MapKeyVaultKeysStandIn(pipeline.AnchorKeys!);
        app.MapServiceNowStandIn(pipeline.ServiceNow!);
        await app.StartAsync(cancellationToken);
        return new StandInHost(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
