using System.Text.Json.Nodes;
using ServerlessIR.Infra.Tests.Checks;

namespace ServerlessIR.Infra.Tests.Bicep;

/// <summary>Builds and lints the repository's templates once for every test in the collection.</summary>
public sealed class CompiledInfrastructure
{
    public CompiledInfrastructure()
    {
        Cli = BicepCli.Locate();
        var mainBuild = Task.Run(() => Cli.Build(MainPath));
        var subscriptionBuild = Task.Run(() => Cli.Build(SubscriptionPath));
        var mainLint = Task.Run(() => Cli.Lint(MainPath));
        var subscriptionLint = Task.Run(() => Cli.Lint(SubscriptionPath));
        Task.WaitAll(mainBuild, subscriptionBuild, mainLint, subscriptionLint);

        MainBuild = mainBuild.Result;
        SubscriptionBuild = subscriptionBuild.Result;
        MainLint = mainLint.Result;
        SubscriptionLint = subscriptionLint.Result;
        Main = Parse(MainBuild, MainPath);
        Subscription = Parse(SubscriptionBuild, SubscriptionPath);
    }

    public static string MainPath => Path.Combine(RepositoryPaths.Infra, "main.bicep");

    public static string SubscriptionPath => Path.Combine(RepositoryPaths.Infra, "eventgrid-subscription.bicep");

    public BicepCli Cli { get; }

    public BicepResult MainBuild { get; }

    public BicepResult SubscriptionBuild { get; }

    public BicepResult MainLint { get; }

    public BicepResult SubscriptionLint { get; }

    /// <summary>The compiled main.bicep (a failed build fails every test in the collection, with the CLI's output).</summary>
    public JsonObject Main { get; }

    public JsonObject Subscription { get; }

    /// <summary>The parameter values azd substitutes into main.bicep (infra/main.parameters.json).</summary>
    public static JsonObject MainParameters =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "main.parameters.json")))!["parameters"]!.AsObject();

    /// <summary>The nested deployment main.bicep makes for its module named <paramref name="name"/>.</summary>
    public ArmResource Module(string name) =>
        ArmTemplateWalker.Resources(Main).Single(r => r.IsType("Microsoft.Resources/deployments") && r.Name == name);

    /// <summary>The compiled template of the module named <paramref name="name"/>.</summary>
    public JsonObject ModuleTemplate(string name) => Module(name).Properties!["template"]!.AsObject();

    private static JsonObject Parse(BicepResult result, string path) =>
        result.ExitCode == 0 && JsonNode.Parse(result.StandardOutput) is JsonObject template
            ? template
            : throw new InvalidOperationException($"bicep build {path} failed:\n{result.StandardError}");
}
