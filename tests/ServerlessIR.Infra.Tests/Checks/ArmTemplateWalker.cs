using System.Text.Json.Nodes;

namespace ServerlessIR.Infra.Tests.Checks;

/// <summary>
/// Walks a compiled ARM template and the templates of its nested deployments (Bicep modules
/// compile to <c>Microsoft.Resources/deployments</c> with an inline template).
/// </summary>
public static class ArmTemplateWalker
{
    private const string DeploymentType = "Microsoft.Resources/deployments";

    /// <summary>The root template and every nested one, each with its path.</summary>
    public static IEnumerable<(string Path, JsonObject Template)> Templates(JsonObject root, string rootName = "main")
    {
        ArgumentNullException.ThrowIfNull(root);
        yield return (rootName, root);
        foreach (var resource in OwnResources(root, rootName).Where(r => r.IsType(DeploymentType)))
        {
            if (resource.Properties?["template"] is JsonObject nested)
            {
                foreach (var inner in Templates(nested, $"{rootName}/{DeploymentName(resource)}"))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Every resource in the root and nested templates, nested deployments included.</summary>
    public static IEnumerable<ArmResource> Resources(JsonObject root, string rootName = "main") =>
        Templates(root, rootName).SelectMany(t => OwnResources(t.Template, t.Path));

    private static IEnumerable<ArmResource> OwnResources(JsonObject template, string path)
    {
        // Bicep emits an array, or an object keyed by symbolic name (languageVersion 2.0).
        IEnumerable<JsonNode?> nodes = template["resources"] switch
        {
            JsonArray array => array,
            JsonObject byName => byName.Select(p => p.Value),
            _ => [],
        };
        foreach (var node in nodes.OfType<JsonObject>())
        {
            // "existing" references in symbolic-name templates declare nothing.
            if (node["existing"] is JsonValue existing && existing.TryGetValue<bool>(out var isExisting) && isExisting)
            {
                continue;
            }

            var resource = new ArmResource(path, Text(node["type"]), Text(node["name"]), node);
            yield return resource;

            // ARM also allows child resources inline.
            if (node["resources"] is JsonArray)
            {
                foreach (var child in OwnResources(node, $"{path}/{resource.Name}"))
                {
                    yield return child;
                }
            }
        }
    }

    private static string DeploymentName(ArmResource deployment)
    {
        // Bicep module names are usually literals; keep expressions readable in messages.
        var name = deployment.Name;
        return name.StartsWith('[') ? "(expression)" : name;
    }

    private static string Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : string.Empty;
}
