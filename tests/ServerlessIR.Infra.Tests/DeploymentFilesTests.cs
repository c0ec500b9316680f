using System.Diagnostics;
using System.Text.Json.Nodes;
using ServerlessIR.Infra.Tests.Bicep;

namespace ServerlessIR.Infra.Tests;

/// <summary>main.parameters.json and the hooks agree with the templates.</summary>
[Trait("Category", "Bicep")]
[Collection(BicepCollection.Name)]
public sealed class DeploymentFilesTests(CompiledInfrastructure infra)
{
    private static string HookPath => Path.Combine(RepositoryPaths.Infra, "hooks", "postdeploy.sh");

    [Theory]
    [InlineData("environmentName", "${AZURE_ENV_NAME}")]
    [InlineData("location", "${AZURE_LOCATION}")]
    [InlineData("principalId", "${AZURE_PRINCIPAL_ID}")]
    public void MainParameters_TakeAzdEnvironmentValues(string parameter, string expected)
    {
        Assert.Equal(expected, Parameters()[parameter]?["value"]?.GetValue<string>());
    }

    [Fact]
    public void MainParameters_MatchTheMainTemplate()
    {
        var declared = infra.Main["parameters"]!.AsObject();
        var supplied = Parameters();

        Assert.All(supplied.Select(p => p.Key), name => Assert.True(declared.ContainsKey(name), $"{name} is not a main.bicep parameter"));
        var required = declared.Where(p => p.Value?["defaultValue"] is null).Select(p => p.Key);
        Assert.All(required, name => Assert.True(supplied.ContainsKey(name), $"required parameter {name} is not in main.parameters.json"));
    }

    [Fact]
    public void SubscriptionTemplate_ParametersAreAllSuppliedByTheHook()
    {
        var hook = File.ReadAllText(HookPath);
        var required = infra.Subscription["parameters"]!.AsObject().Where(p => p.Value?["defaultValue"] is null).Select(p => p.Key).ToList();

        Assert.NotEmpty(required);
        Assert.All(required, name => Assert.Contains($"{name}=", hook, StringComparison.Ordinal));
        Assert.Contains("az deployment group create", hook, StringComparison.Ordinal);
        Assert.Contains("eventgrid-subscription.json", hook, StringComparison.Ordinal);
    }

    [Fact]
    public void PostdeployHook_DeploysCompiledJsonNeverBicep()
    {
        // `az deployment --template-file x.bicep` compiles with whatever Bicep the Azure CLI has; the checks ran the pinned one.
        var hook = File.ReadAllText(HookPath);

        Assert.DoesNotContain(".bicep\"", hook, StringComparison.Ordinal);
        Assert.Matches(@"template=""\$script_dir/\.\./eventgrid-subscription\.json""", hook);
    }

    [Fact]
    public void CompiledSubscriptionTemplate_IsWhatThePinnedBicepCliBuilds()
    {
        var committed = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "eventgrid-subscription.json")));

        Assert.True(JsonNode.DeepEquals(committed, infra.Subscription),
            "infra/eventgrid-subscription.json is stale: run infra/build-templates.sh and commit the result.");
    }

    [Fact]
    public void PostdeployHook_RunsTheSmokeTestWithTheKeyInItsEnvironmentOnly()
    {
        var hook = File.ReadAllText(HookPath);

        Assert.Contains("SERVERLESSIR_WEBHOOK_KEY=\"$key\" \"$script_dir/../../ir\" smoke --base-url", hook, StringComparison.Ordinal);
        Assert.DoesNotContain("--key", hook, StringComparison.Ordinal);
        Assert.DoesNotContain("echo \"$key", hook, StringComparison.Ordinal);
        // The smoke test runs before the subscription, whose handshake needs the same working app.
        Assert.True(hook.IndexOf(" smoke ", StringComparison.Ordinal) < hook.IndexOf("az deployment group create", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("postdeploy.sh")]
    [InlineData("postprovision.sh")]
    [InlineData("../build-templates.sh")]
    public void Script_IsExecutableAndValidPosixShell(string script)
    {
        var path = Path.Combine(RepositoryPaths.Infra, "hooks", script);
        if (!OperatingSystem.IsWindows())
        {
            Assert.NotEqual(UnixFileMode.None, File.GetUnixFileMode(path) & UnixFileMode.UserExecute);
        }

        var result = RunShell("-n", path);

        Assert.True(result.ExitCode == 0, result.Error);
    }

    [Fact]
    public void PostdeployHook_OutsideAzd_StopsBeforeCallingAzure()
    {
        var result = RunShell(HookPath);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("AZURE_SUBSCRIPTION_ID", result.Error, StringComparison.Ordinal);
    }

    private static JsonObject Parameters() => CompiledInfrastructure.MainParameters;

    private static (int ExitCode, string Error) RunShell(params string[] arguments)
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A bare environment: no azd values and no Azure CLI on the path.
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/bin:/bin";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error.GetAwaiter().GetResult());
    }
}
