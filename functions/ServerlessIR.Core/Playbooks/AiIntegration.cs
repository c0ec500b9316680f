namespace ServerlessIR.Core.Playbooks;

/// <summary>How alerts find an AI system: its connected app, its integration user, its Azure resources.</summary>
public sealed record AiIntegration
{
    public string? ConnectedApp { get; init; }
    public string? IntegrationUser { get; init; }
    public IReadOnlyList<string> AzureResourceIds { get; init; } = [];
}
