namespace ServerlessIR.Adapters.Notifications;

/// <summary>Bound from <c>ServerlessIR:Graph</c>.</summary>
public sealed class GraphOptions
{
    public const string SectionName = "ServerlessIR:Graph";

    /// <summary>Set to the stand-in's <c>http://127.0.0.1:PORT/v1.0</c> locally; empty in Azure (real Graph, managed identity).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Client ID of the user-assigned managed identity that holds the Graph application permissions.</summary>
    public string? ManagedIdentityClientId { get; set; }
}
