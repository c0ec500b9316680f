namespace ServerlessIR.Adapters.Storage;

/// <summary>
/// Where the pipeline's tables and blobs live. Either a connection string (Azurite locally) or service URIs with a managed
/// identity (Azure, shared keys off), read from the same <c>AzureWebJobsStorage</c> settings the Functions host uses.
/// </summary>
public sealed class StorageOptions
{
    public string? ConnectionString { get; set; }
    public Uri? TableServiceUri { get; set; }
    public Uri? BlobServiceUri { get; set; }
    public Uri? QueueServiceUri { get; set; }

    /// <summary>Client ID of the user-assigned managed identity, when one is used.</summary>
    public string? ClientId { get; set; }

    /// <summary>Prefix for table and container names, so several local hubs or test runs can share one account.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>How long start-up waits for storage to answer while creating the tables and containers.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(90);
}
