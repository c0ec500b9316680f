using System.Text.Json.Nodes;

namespace ServerlessIR.Infra.Tests.Checks;

/// <summary>A resource declared in a compiled ARM template or in one of its nested deployments.</summary>
/// <param name="TemplatePath">The chain of nested deployment names, e.g. <c>main/storage</c>.</param>
/// <param name="Type">Resource type, e.g. <c>Microsoft.Storage/storageAccounts</c>.</param>
/// <param name="Name">The name as written: a literal or an ARM expression.</param>
/// <param name="Node">The whole resource object.</param>
public sealed record ArmResource(string TemplatePath, string Type, string Name, JsonObject Node)
{
    public JsonObject? Properties => Node["properties"] as JsonObject;

    public string Location => $"{TemplatePath}: {Type} {Name}";

    public bool IsType(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);
}
