using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Options;
using ServerlessIR.Adapters;
using ServerlessIR.Adapters.Incidents;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Adapters.Telemetry;
using ServerlessIR.Core;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Secrets;
using ServerlessIR.Functions;
using ServerlessIR.Local.Hosting.FunctionsApp;
using ServerlessIR.StandIns.AiFeatures;
using ServerlessIR.StandIns.Graph;
using ServerlessIR.StandIns.KeyVault;
using ServerlessIR.StandIns.Salesforce;
using ServerlessIR.StandIns.ServiceNow;
using ServerlessIR.StandIns.Storage;

namespace ServerlessIR.Local.Hosting;

/// <summary>
/// The whole pipeline on one machine: Azurite, the durable engine on it, the stand-ins, and the API with the durable worker.
/// The same handlers, orchestrators and activities as the Functions app; with <see cref="PipelineHost.Functions"/>, the
/// Functions app's own function classes from its composition root, with only trigger dispatch local.
/// </summary>
public sealed class LocalPipeline : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> owned = [];
    private IHost? functionsApp;

    private LocalPipeline(LocalPaths paths) => Paths = paths;

    public LocalPaths Paths { get; }
    public AzuriteLauncher Azurite { get; private set; } = null!;
    public WebApplication Api { get; private set; } = null!;
    public Uri ApiUrl { get; private set; } = null!;
    public Uri? StandInsUrl { get; private set; }
    public string WebhookKey { get; private set; } = "";
    public SalesforceStandInState? Salesforce { get; private set; }
    public GraphStandInState? Graph { get; private set; }
    public AiFeatureStandInState? AiFeatures { get; private set; }

    /// <summary>The ServiceNow stand-in's tickets; null without stand-ins.</summary>
    public ServiceNowStandInState? ServiceNow { get; private set; }

    /// <summary>The Key Vault keys stand-in that signs evidence anchors; null without stand-ins.</summary>
    public KeyVaultKeysStandInState? AnchorKeys { get; private set; }

    /// <summary>The local Key Vault that rotation writes to (in Azure: Key Vault through SecretClient).</summary>
    public InMemorySecretVault SecretVault { get; private set; } = new();

    /// <summary>The local sign-in: one-time codes and the sessions they start (<see cref="LocalSignIn"/>).</summary>
    public LocalSessions Sessions { get; } = new();

    /// <summary>The stand-ins' state, to hand to a restarted pipeline (<see cref="LocalPipelineOptions.ReuseStandIns"/>); null without stand-ins.</summary>
    public LocalStandInStates? StandInStates =>
        Salesforce is null || AiFeatures is null || Graph is null ? null : new LocalStandInStates(Salesforce, AiFeatures, Graph, SecretVault) { ServiceNow = ServiceNow };
    public Playbook Playbook { get; private set; } = null!;
    public DurableTaskClient Client => Api.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>The application's services: the Functions app's container under <see cref="PipelineHost.Functions"/>.</summary>
    public IServiceProvider Services => functionsApp?.Services ?? Api.Services;

    /// <summary>Which code receives the triggers.</summary>
    public PipelineHost Host { get; private set; }

    /// <summary>The local dispatch to the Functions app's classes; null unless <see cref="Host"/> is <see cref="PipelineHost.Functions"/>.</summary>
    public FunctionsAppDispatcher? FunctionsDispatcher { get; private set; }

    /// <summary>The webhook URL with its key, as an Event Grid subscription would call it.</summary>
    public Uri EventsUrl => new(ApiUrl, "/api/events?code=" + Uri.EscapeDataString(WebhookKey));

    /// <summary>A new one-time link that signs a browser in as <paramref name="person"/> (<see cref="LocalSignIn"/>).</summary>
    public Uri SignInLink(string person) => LocalSignIn.Link(ApiUrl, Sessions.IssueCode(person));

    public static async Task<LocalPipeline> StartAsync(LocalPipelineOptions options, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pipeline = new LocalPipeline(LocalPaths.Discover(options.StateFolder));
        try
        {
            await pipeline.StartCoreAsync(options, log, cancellationToken);
            return pipeline;
        }
        catch
        {
            await pipeline.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(LocalPipelineOptions options, Action<string>? log, CancellationToken cancellationToken)
    {
        Playbook = string.IsNullOrEmpty(options.PlaybookPath) ? PlaybookLoader.LoadDefault() : PlaybookLoader.LoadFile(options.PlaybookPath);
        Azurite = await AzuriteLauncher.EnsureAsync(Paths.Root, Path.Combine(Paths.State, "azurite"), options.AzuriteBlobPort, log, cancellationToken: cancellationToken);
        owned.Add(Azurite);

        var secrets = LocalSecrets.LoadOrCreate(Paths.State);
        WebhookKey = secrets[SecretNames.WebhookKey];
        var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(options.LogLevel));

        if (options.StandIns && options.ReuseStandIns is { } reused)
        {
            (Salesforce, AiFeatures, Graph, SecretVault) = (reused.Salesforce, reused.AiFeatures, reused.Graph, reused.SecretVault);
            ServiceNow = reused.ServiceNow;
        }
        else if (options.StandIns)
        {
            Salesforce = new SalesforceStandInState(secrets[LocalSecrets.SalesforceClientId], secrets[LocalSecrets.SalesforceClientSecret]);
            Salesforce.Seed(Playbook);
            Salesforce.SeedContainment(Playbook);
            Salesforce.RotationHookKey = secrets[LocalSecrets.RotationHookKey];
            AiFeatures = new AiFeatureStandInState(secrets[LocalSecrets.AiFeatureSwitchKey]).SeedFrom(Playbook);
            Graph = new GraphStandInState().SeedFrom(Playbook);
        }
        IReadOnlyDictionary<string, Uri> orgUrls = new Dictionary<string, Uri>();
        if (options.StandIns)
        {
            ServiceNow ??= new ServiceNowStandInState("sn-" + Guid.NewGuid().ToString("N")[..12], Guid.NewGuid().ToString("N"));
        }
        if (options.StandIns)
        {
            AnchorKeys = LocalAnchorKeys.State(secrets);
            var standIns = await StandInHost.StartAsync(this, cancellationToken);
            owned.Add(standIns);
            StandInsUrl = standIns.Url;
            orgUrls = standIns.OrgUrls;
        }

        var sidecar = await AzureStorageSidecar.StartAsync(Azurite.ConnectionString, options.TaskHub, loggerFactory, options.WorkItemVisibilityTimeout, cancellationToken);
        var channel = GrpcChannel.ForAddress(sidecar.Address);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(options.LogLevel);
        var apiPort = options.ApiPort == 0 ? AzuriteLauncher.FreePort() : options.ApiPort;
        var settings = new Dictionary<string, string?>
        {
            // Approval and notice links point at this host, and it is the one origin state-changing posts may come from.
            ["ServerlessIR:Approvals:PublicBaseUrl"] = $"http://127.0.0.1:{apiPort}",
            // Links go through the local sign-in, as they go through App Service Authentication's in Azure.
            ["ServerlessIR:Approvals:SignInPath"] = LocalSignIn.ReturnPath,
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["ServerlessIR:Storage:Prefix"] = options.StoragePrefix,
            ["ServerlessIR:PlaybookPath"] = options.PlaybookPath,
            // A drill's simulated people name who they act as in a header; ir serve's people sign in instead.
            ["ServerlessIR:Local:AllowApproverHeader"] = options.SimulatedPeople ? "true" : "false",
            ["Evidence:PseudonymKey"] = secrets[SecretNames.PseudonymKey],
            // Automation budgets count per pipeline: a drill's task hub is its own, so drills never spend each other's slots.
            ["ServerlessIR:Local:BudgetScope"] = options.TaskHub,
        };
        for (var i = 0; i < options.DrillTrustedSources.Count; i++)
        {
            settings[$"ServerlessIR:Local:DrillTrustedSources:{i}"] = options.DrillTrustedSources[i];
        }
        foreach (var (name, value) in secrets)
        {
            settings[$"ServerlessIR:Secrets:{name}"] = value;
        }
        if (StandInsUrl is not null)
        {
            settings["ServerlessIR:Salesforce:InstanceUrlOverride"] = StandInsUrl.ToString();
            foreach (var (orgId, url) in orgUrls)
            {
                settings["ServerlessIR:Salesforce:OrgInstanceUrlOverrides:" + orgId] = url.ToString();
            }
            settings["ServerlessIR:Graph:BaseUrl"] = new Uri(StandInsUrl, "/v1.0").ToString();
            settings["ServerlessIR:Containment:EndpointOverride"] = StandInsUrl.ToString();
            // The Salesforce relay publishes to this host's own webhook, with its key, instead of an Event Grid topic.
            settings["ServerlessIR:Relay:TopicEndpoint"] = $"http://127.0.0.1:{apiPort}/api/events";
            settings["ServerlessIR:Relay:WebhookKey"] = WebhookKey;
            settings["ServerlessIR:Relay:Interval"] = "00:00:02";
            settings["ServerlessIR:Secrets:" + Playbook.Notifications.TeamsWebhookSecret] = new Uri(StandInsUrl, "/workflows/incident-channel").ToString();
            if (Playbook.Notifications.DataSubjectChannel is { } bulk)
            {
                settings[bulk.EndpointSetting] = new Uri(StandInsUrl, "/bulk/" + bulk.Name).ToString();
            }
            LocalJwtBearer.Configure(Playbook, Salesforce!, settings);
            // The exercise org is the same stand-in locally: its credentials are the stand-in's, under the exercise org's names.
            if (Playbook.Exercise.Salesforce?.Auth is { ClientSecretSecret: { } exerciseSecret } exerciseAuth)
            {
                settings["ServerlessIR:Secrets:" + exerciseAuth.ClientIdSecret] = secrets[LocalSecrets.SalesforceClientId];
                settings["ServerlessIR:Secrets:" + exerciseSecret] = secrets[LocalSecrets.SalesforceClientSecret];
            }
            if (Playbook.Ticketing is { } ticketing)
            {
                // The playbook's ServiceNow instance is the stand-in here, with its client's credentials under the playbook's names.
                settings[ticketing.InstanceUrlSetting] = StandInsUrl.ToString();
                settings["ServerlessIR:Secrets:" + ticketing.ClientIdSecret] = ServiceNow!.ClientId;
                settings["ServerlessIR:Secrets:" + ticketing.ClientSecretSecret] = ServiceNow.ClientSecret;
            }
            settings["Evidence:Signing:KeyVaultUri"] = StandInsUrl.ToString();
            settings["Evidence:Signing:KeyName"] = LocalAnchorKeys.KeyName;
        }
        var runtime = new IncidentRuntime(options.TimeScale, options.HorizonHours, options.HumanWaitFloorSeconds, options.AwaitClosure,
            options.HistoryEventsPerGeneration);
        foreach (var (key, value) in IncidentRuntimeOptions.Settings(runtime))
        {
            settings[key] = value;
        }
        builder.Configuration.AddInMemoryCollection(settings);
        // Loopback only (127.0.0.1 and, where the machine has it, ::1); LoopbackHostFilter refuses other Host names.
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(apiPort));
        foreach (var rotation in Playbook.AiSystems.SelectMany(a => a.Integration?.RotateSecrets ?? []))
        {
            if (SecretVault.Versions(rotation.Secret).Count == 0)
            {
                SecretVault.Seed(rotation.Secret, "leaked-" + Guid.NewGuid().ToString("N"));
            }
        }
        Host = options.Host;
        builder.Services.AddDurableTaskClient(b => b.UseGrpc(channel));
        if (options.Host == PipelineHost.Functions)
        {
            // Approvers are whoever the App Service Authentication stand-in signs in, read by the app's own resolver.
            settings["ServerlessIR:Auth:RunningBehindAppServiceAuth"] = "true";
            functionsApp = BuildFunctionsApp(settings, options.LogLevel);
            owned.Add(new AsyncDisposableAction(() => { functionsApp.Dispose(); return Task.CompletedTask; }));
            // The Functions app's host is never started here, so its start-up storage initializer is run by hand.
            await functionsApp.Services.GetRequiredService<StorageInitializer>().InitializeAsync(cancellationToken);
            var dispatcher = FunctionsDispatcher = new FunctionsAppDispatcher(functionsApp.Services, FunctionCatalog.ForFunctionsApp(),
                () => Api.Services.GetRequiredService<DurableTaskClient>());
            builder.Services.AddDurableTaskWorker(b =>
            {
                b.AddTasks(dispatcher.AddTasks);
                b.UseGrpc(channel);
            });
            if (StandInsUrl is not null)
            {
                var interval = functionsApp.Services.GetRequiredService<IOptions<RelayOptions>>().Value.Interval;
                builder.Services.AddHostedService(sp => new LocalTimerTriggers(dispatcher, interval, TimeProvider.System, sp.GetRequiredService<ILogger<LocalTimerTriggers>>()));
            }
            Api = builder.Build();
            Api.UseLoopbackHostsOnly(apiPort);
            Api.UseLocalAppServiceAuthentication(options.SimulatedPeople, Sessions, Playbook);
            dispatcher.MapHttpFunctions(Api, WebhookKey);
        }
        else
        {
            builder.Services.AddServerlessIR(builder.Configuration);
            builder.Services.AddServerlessIRTelemetry(builder.Configuration);
            builder.Services.AddLocalOnlyServices(builder.Configuration, SecretVault);
            builder.Services.AddSingleton(Sessions);
            if (StandInsUrl is not null)
            {
                builder.Services.AddHostedService<LocalSalesforceRelay>();
                builder.Services.AddHostedService<LocalTicketPoller>();
            }
            builder.Services.AddDurableTaskWorker(b =>
            {
                b.AddTasks(r => r.AddServerlessIRTasks());
                b.UseGrpc(channel);
            });
            Api = builder.Build();
            Api.UseLoopbackHostsOnly(apiPort);
            Api.MapServerlessIRApi(WebhookKey);
            // The Functions app answers the root with its own function (HttpRoutes.Root).
            Api.MapLocalConsoleRoot();
        }
        Api.MapLocalSignIn(Sessions);
        await Api.StartAsync(cancellationToken);
        ApiUrl = new Uri(Api.Urls.First().Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        // Stop the API (and its worker) before the engine and Azurite under it.
        owned.Add(sidecar);
        owned.Add(new AsyncDisposableAction(async () =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await Api.StopAsync(timeout.Token); } catch (OperationCanceledException) { }
            await Api.DisposeAsync();
            channel.Dispose();
        }));
    }

    /// <summary>
    /// The Functions app's container, built by its composition root exactly as <c>Program.cs</c> builds it, with this
    /// machine's settings (stand-in URLs, Azurite, local secrets) as configuration and two local overrides: the Key Vault
    /// stand-in and the drill's time scale. The worker itself is never started (no Functions host runs here); the container
    /// is validated as start-up would validate it.
    /// </summary>
    private IHost BuildFunctionsApp(Dictionary<string, string?> settings, LogLevel logLevel)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(logLevel);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configure();
        builder.Services.AddLocalOnlyServices(builder.Configuration, SecretVault);
        var host = builder.Build();
        host.Services.GetService<IStartupValidator>()?.Validate();
        return host;
    }

    /// <summary>
    /// Changes one setting while the pipeline runs, as an operator changes an app setting: both hosts' configuration reloads,
    /// so what is read through <c>IOptionsMonitor</c> (the containment kill switch) sees the new value at its next read.
    /// </summary>
    public void ChangeSetting(string key, string? value)
    {
        foreach (var services in new[] { Api.Services, functionsApp?.Services })
        {
            if (services?.GetService<IConfiguration>() is IConfigurationRoot configuration)
            {
                configuration[key] = value;
                configuration.Reload();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = owned.Count - 1; i >= 0; i--)
        {
            try
            {
                await owned[i].DisposeAsync();
            }
            catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
        owned.Clear();
    }

    private sealed class AsyncDisposableAction(Func<Task> action) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await action();
    }
}
