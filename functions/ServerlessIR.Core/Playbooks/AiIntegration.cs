namespace ServerlessIR.Core.Playbooks;

/// <summary>
/// How alerts find an AI system and what containment acts on: its connected app, its integration user (Salesforce username),
/// the permission sets that give that user its Einstein / Data Cloud access, the secrets to rotate, its Azure resources.
/// </summary>
public sealed record AiIntegration
{
    public string? ConnectedApp { get; init; }
    public string? IntegrationUser { get; init; }
    public IReadOnlyList<string> AiPermissionSets { get; init; } = [];
    public IReadOnlyList<SecretRotation> RotateSecrets { get; init; } = [];
    public IReadOnlyList<string> AzureResourceIds { get; init; } = [];
}
