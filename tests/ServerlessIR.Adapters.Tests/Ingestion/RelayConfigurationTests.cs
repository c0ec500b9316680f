using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Core.Ingestion.Polling;

namespace ServerlessIR.Adapters.Tests.Ingestion;

/// <summary>
/// The relay's settings as the Bicep template writes them reach <see cref="RelayOptions"/>, and the publisher sends a key
/// only to the local host.
/// </summary>
public sealed partial class RelayConfigurationTests
{
    [Fact]
    public void AddIngestion_RelayAppSettingsFromFunctionAppBicep_BindTopicEndpointAndIdentity()
    {
        var bicep = File.ReadAllText(Path.Combine(RepositoryRoot(), "infra", "app", "function-app.bicep"));
        // App settings become environment variables, where the Functions host reads "__" as the section separator ":".
        var settings = RelaySetting().Matches(bicep)
            .ToDictionary(m => m.Groups["name"].Value.Replace("__", ":", StringComparison.Ordinal), _ => (string?)"https://evgt-x.westeurope-1.eventgrid.azure.net/api/events", StringComparer.Ordinal);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddIngestion(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<RelayOptions>>().Value;

        Assert.NotNull(options.TopicEndpoint);
        Assert.False(string.IsNullOrEmpty(options.ManagedIdentityClientId), "the template must give the relay the identity's client ID");
        Assert.Null(options.WebhookKey);
    }

    [Fact]
    public async Task PublishAsync_WebhookKeyWithRemoteEndpoint_RefusesToSendTheKey()
    {
        var publisher = new EventGridRelayPublisher(Options.Create(new RelayOptions
        {
            TopicEndpoint = new Uri("https://evgt-x.westeurope-1.eventgrid.azure.net/api/events"),
            WebhookKey = "local-key",
        }));
        using var data = JsonDocument.Parse("""{"Score": 0.9}""");
        var relayed = new RelayedEvent("e1", "/salesforce/orgs/00D/ApiAnomalyEventStore", "Salesforce.EventMonitoring.ApiAnomalyEvent", DateTimeOffset.UnixEpoch, data.RootElement.Clone());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => publisher.PublishAsync([relayed]));

        Assert.Contains("local host only", error.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s*(?<name>ServerlessIR__Relay__\w+):", RegexOptions.Multiline)]
    private static partial Regex RelaySetting();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ServerlessIR.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("ServerlessIR.sln not found above " + AppContext.BaseDirectory);
    }
}
