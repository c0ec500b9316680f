using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ServerlessIR.Adapters.Configuration;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Secrets;
using ServerlessIR.Infra.Tests.Bicep;
using ServerlessIR.Infra.Tests.Settings;

namespace ServerlessIR.Infra.Tests;

/// <summary>
/// The contract between infra/main.bicep and the Functions app: the app settings Bicep declares (compiled with the
/// pinned CLI) are enough for the app's own composition root to pass start-up validation and to activate every function
/// class; an unresolved Key Vault reference stops it with one message naming the secret; and the keys the app reads
/// (recorded while it is built, plus <see cref="AppSettingKeys"/>) and the keys Bicep sets match in both directions.
/// </summary>
[Trait("Category", "Bicep")]
[Collection(BicepCollection.Name)]
public sealed class SettingsContractTests(CompiledInfrastructure infra)
{
    /// <summary>Keys the .NET host, ASP.NET Core, the Functions worker and OpenTelemetry read for themselves.</summary>
    private static readonly string[] FrameworkPrefixes =
    [
        "Logging", "ASPNETCORE_", "DOTNET_", "AllowedHosts", "urls", "http_ports", "https_ports", "environment", "applicationName",
        "contentRoot", "hostBuilder:", "Kestrel", "OTEL_", "OpenTelemetry", "Functions", "AZURE_FUNCTIONS", "FUNCTIONS_",
        "WEBSITE_", "PreventHostingStartup", "HostingStartup", "hostingStartup", "webroot", "detailedErrors", "shutdownTimeoutSeconds",
        "suppressStatusMessages", "preferHostingUrls", "startupAssembly", "captureStartupErrors", "servicesStartConcurrently",
        "servicesStopConcurrently", "startupTimeoutSeconds", "AzureMonitorExporter",
    ];

    private Dictionary<string, string?> ResolvedSettings()
    {
        // What the platform does when every secret exists: each reference becomes the secret's value.
        var testSecrets = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SecretNames.PseudonymKey] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray()),
        };
        return BicepAppSettings.Evaluate(infra.Main).ToDictionary(
            p => p.Key,
            p => KeyVaultReferences.IsUnresolved(p.Value) ? testSecrets[KeyVaultReferences.SecretName(p.Value!)] : p.Value,
            StringComparer.Ordinal);
    }

    private FunctionsAppFromSettings StartedWithEveryClassActivated()
    {
        var app = new FunctionsAppFromSettings(ResolvedSettings());
        app.ValidateStart();
        foreach (var type in FunctionsAppFromSettings.FunctionClasses)
        {
            app.Activate(type);
        }
        return app;
    }

    [Fact]
    public void FunctionsApp_BicepSettingsWithSecretsResolved_PassesStartValidationAndActivatesEveryFunctionClass()
    {
        using var app = new FunctionsAppFromSettings(ResolvedSettings());

        app.ValidateStart();
        var failures = FunctionsAppFromSettings.FunctionClasses
            .Select(t => (Type: t, Error: Try(() => app.Activate(t))))
            .Where(r => r.Error is not null)
            .Select(r => $"{r.Type.Name}: {r.Error}")
            .ToList();

        Assert.True(FunctionsAppFromSettings.FunctionClasses.Count >= 6, "function classes found: " + string.Join(", ", FunctionsAppFromSettings.FunctionClasses.Select(t => t.Name)));
        Assert.True(failures.Count == 0, "function classes that do not activate:\n" + string.Join('\n', failures));
    }

    [Fact]
    public void FunctionsApp_PseudonymKeyReferenceUnresolved_FailsStartWithOneMessageNamingTheSecret()
    {
        // What Azure does when the secret is missing: the reference text itself reaches the app.
        using var app = new FunctionsAppFromSettings(BicepAppSettings.Evaluate(infra.Main));

        var error = Assert.ThrowsAny<Exception>(app.ValidateStart);

        var messages = FailureMessages(error).ToList();
        var message = Assert.Single(messages);
        Assert.Contains($"'{SecretNames.PseudonymKey}'", message, StringComparison.Ordinal);
        Assert.Contains("Evidence__PseudonymKey", message, StringComparison.Ordinal);
        Assert.DoesNotContain("@Microsoft.KeyVault", message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryKeyTheAppReads_IsInTheListOfAppSettingKeys()
    {
        using var app = StartedWithEveryClassActivated();

        var unlisted = app.KeysRead
            .Where(k => !FrameworkPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .Where(k => AppSettingKeys.Find(k) is null && !IsSectionOfAListedSetting(k))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(unlisted.Count == 0, "keys the app reads that AppSettingKeys does not list: " + string.Join(", ", unlisted));
        // The recording works: the app's own keys are among those read.
        Assert.Contains(app.KeysRead, k => k.Equals("Evidence:PseudonymKey", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void EveryListedSettingWithoutADefault_HasABicepValue()
    {
        var declared = BicepAppSettings.Declared(infra.Main).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);

        var missing = AppSettingKeys.All
            .Where(s => s.Default is null && s.Scope != AppSettingScope.LocalOnly && !declared.Contains(s.Name))
            .Select(s => s.Name)
            .ToList();

        Assert.True(missing.Count == 0, "settings with no default that main.bicep does not set: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryBicepSetting_IsReadByTheAppOrTheFunctionsHost()
    {
        using var app = StartedWithEveryClassActivated();
        var read = app.KeysRead.ToHashSet(StringComparer.OrdinalIgnoreCase);

        var unread = BicepAppSettings.Declared(infra.Main).Select(p => p.Key)
            .Where(name => AppSettingKeys.Find(name.Replace("__", ":", StringComparison.Ordinal)) is not { } listed
                || (listed.Scope != AppSettingScope.FunctionsHost && !read.Contains(listed.ConfigurationKey) && !ReadOnDemand(listed)))
            .ToList();

        Assert.True(unread.Count == 0, "main.bicep sets app settings nothing reads: " + string.Join(", ", unread));
    }

    [Fact]
    public void LocalOnlySettings_AreNeverSetInAzure()
    {
        var localOnly = BicepAppSettings.Declared(infra.Main).Select(p => p.Key)
            .Where(name => AppSettingKeys.Find(name.Replace("__", ":", StringComparison.Ordinal))?.Scope == AppSettingScope.LocalOnly)
            .ToList();

        Assert.Empty(localOnly);
    }

    [Fact]
    public void DefaultPlaybookBulkChannelSetting_IsSetByBicep()
    {
        var setting = PlaybookLoader.LoadDefault().Notifications.DataSubjectChannel?.EndpointSetting;

        Assert.NotNull(setting);
        Assert.Contains(setting, BicepAppSettings.Declared(infra.Main).Select(p => p.Key));
    }

    [Fact]
    public void TicketingInstanceUrlSetting_IsSetByBicepFromTheAzdEnvironment()
    {
        var setting = new TicketingSettings().InstanceUrlSetting;
        var parameters = JsonNode.Parse(File.ReadAllText(RepositoryPaths.InRoot("infra/main.parameters.json")))!;

        Assert.Contains(setting, BicepAppSettings.Declared(infra.Main).Select(p => p.Key));
        Assert.Equal("${" + setting + "=}", parameters["parameters"]!["serviceNowInstanceUrl"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void TaskHubSetting_IsTheOneHostJsonReads()
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(RepositoryPaths.InRoot("host.json")))!;
        var hub = hostJson["extensions"]!["durableTask"]!["hubName"]!.GetValue<string>();

        Assert.Equal("%TASKHUB_NAME%", hub);
        Assert.Contains("TASKHUB_NAME", BicepAppSettings.Declared(infra.Main).Select(p => p.Key));
    }

    /// <summary>A section the binder looks at on its way to listed keys (<c>Evidence</c> for <c>Evidence:TableName</c>).</summary>
    private static bool IsSectionOfAListedSetting(string key) =>
        AppSettingKeys.All.Any(s => s.ConfigurationKey.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase));

    /// <summary>Settings read when they are used rather than at start: the list says who reads them.</summary>
    private static bool ReadOnDemand(AppSetting setting) =>
        setting.Name == PlaybookLoader.LoadDefault().Notifications.DataSubjectChannel?.EndpointSetting
        || setting.Name == new TicketingSettings().InstanceUrlSetting;

    private static IEnumerable<string> FailureMessages(Exception error) => error switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(FailureMessages),
        OptionsValidationException options => options.Failures,
        _ => [error.Message],
    };

    private static string? Try(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (InvalidOperationException ex)
        {
            return ex.Message;
        }
    }
}
