using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ServerlessIR.Infra.Tests.Checks;

/// <summary>
/// Checks azure.yaml against the rules of azd's schema that this project relies on
/// (docs/platform-notes.md): a valid <c>name</c>, at least one service with <c>host</c>,
/// <c>project</c> (an existing folder holding a .csproj for dotnet) and <c>language</c>,
/// and the postprovision hook (generated keys before the first deploy) and postdeploy hook (smoke test, Event Grid
/// subscription), each with a script that exists.
/// </summary>
public sealed partial class AzureYamlChecker
{
    private static readonly string[] KnownHosts = ["appservice", "containerapp", "function", "staticwebapp", "aks", "springapp", "ai.endpoint", "azure.ai.agent"];
    private static readonly string[] KnownLanguages = ["dotnet", "csharp", "fsharp", "py", "python", "js", "ts", "java", "docker"];
    private static readonly string[] HookPlatforms = ["posix", "windows"];

    private readonly string _projectRoot;

    /// <param name="projectRoot">Folder that holds azure.yaml; service and hook paths are relative to it.</param>
    public AzureYamlChecker(string projectRoot) => _projectRoot = projectRoot;

    /// <summary>Returns every problem found; empty means the file passes.</summary>
    public IReadOnlyList<string> Check(string yamlText)
    {
        var problems = new List<string>();
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(yamlText);
            stream.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            return [$"azure.yaml is not valid YAML: {ex.Message}"];
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return ["azure.yaml must hold one mapping."];
        }

        var name = Scalar(root, "name");
        if (name is null)
        {
            problems.Add("name is required.");
        }
        else if (!NamePattern().IsMatch(name))
        {
            problems.Add($"name '{name}' must match ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$.");
        }

        CheckServices(root, problems);
        CheckHook(root, "postprovision", "it creates the keys the app needs at start before the code is deployed", problems);
        CheckHook(root, "postdeploy", "it runs the smoke test and creates the Event Grid subscription", problems);
        return problems;
    }

    private void CheckServices(YamlMappingNode root, List<string> problems)
    {
        if (Child(root, "services") is not YamlMappingNode services || services.Children.Count == 0)
        {
            problems.Add("services must have at least one entry.");
            return;
        }

        foreach (var (key, value) in services.Children)
        {
            var service = ((YamlScalarNode)key).Value;
            if (value is not YamlMappingNode body)
            {
                problems.Add($"service '{service}' must be a mapping.");
                continue;
            }

            var host = Scalar(body, "host");
            if (host is null || !KnownHosts.Contains(host, StringComparer.Ordinal))
            {
                problems.Add($"service '{service}': host '{host}' is missing or not one azd knows.");
            }

            var language = Scalar(body, "language");
            if (language is null || !KnownLanguages.Contains(language, StringComparer.Ordinal))
            {
                problems.Add($"service '{service}': language '{language}' is missing or not one azd knows.");
            }

            var project = Scalar(body, "project");
            var folder = project is null ? null : Path.GetFullPath(Path.Combine(_projectRoot, project));
            if (folder is null || !Directory.Exists(folder))
            {
                problems.Add($"service '{service}': project folder '{project}' does not exist.");
            }
            else if (language is "dotnet" or "csharp" && Directory.GetFiles(folder, "*.csproj").Length == 0)
            {
                problems.Add($"service '{service}': project folder '{project}' holds no .csproj.");
            }
        }
    }

    private void CheckHook(YamlMappingNode root, string hookName, string why, List<string> problems)
    {
        if (Child(Child(root, "hooks"), hookName) is not YamlMappingNode hook)
        {
            problems.Add($"hooks.{hookName} is required ({why}).");
            return;
        }

        // A hook is either { run, shell } or per platform { posix: {...}, windows: {...} }.
        var variants = HookPlatforms.Select(p => Child(hook, p)).OfType<YamlMappingNode>().ToList();
        if (variants.Count == 0)
        {
            variants.Add(hook);
        }

        if (Child(hook, "posix") is null && Scalar(hook, "run") is null)
        {
            problems.Add($"hooks.{hookName} needs a posix variant (or a plain run).");
        }

        foreach (var variant in variants)
        {
            var run = Scalar(variant, "run");
            if (run is null)
            {
                problems.Add($"hooks.{hookName} has a variant without run.");
            }
            else if (!File.Exists(Path.Combine(_projectRoot, run)))
            {
                // Kept to a script file so the hook is reviewable and testable on its own.
                problems.Add($"hooks.{hookName} run '{run}' is not an existing script file.");
            }
        }
    }

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlNode? node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
