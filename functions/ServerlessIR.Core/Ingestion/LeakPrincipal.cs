namespace ServerlessIR.Core.Ingestion;

/// <summary>Who or what leaked: a Salesforce user or integration user (ID 005...), or a connected app.</summary>
public sealed record LeakPrincipal
{
    /// <summary><c>integration-user</c>, <c>connected-app</c> or <c>user</c>.</summary>
    public required string Type { get; init; }

    public required string Id { get; init; }
    public string? Name { get; init; }
}
