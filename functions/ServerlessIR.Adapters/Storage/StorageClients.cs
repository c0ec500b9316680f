using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace ServerlessIR.Adapters.Storage;

/// <summary>Builds the Azure SDK storage clients from <see cref="StorageOptions"/>.</summary>
public static class StorageClients
{
    /// <summary>Reads <c>AzureWebJobsStorage</c> as a connection string, or its identity-based <c>__tableServiceUri</c> form.</summary>
    public static StorageOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new StorageOptions
        {
            ConnectionString = configuration["AzureWebJobsStorage"],
            TableServiceUri = Uri(configuration["AzureWebJobsStorage:tableServiceUri"]),
            BlobServiceUri = Uri(configuration["AzureWebJobsStorage:blobServiceUri"]),
            QueueServiceUri = Uri(configuration["AzureWebJobsStorage:queueServiceUri"]),
            ClientId = configuration["AzureWebJobsStorage:clientId"],
            Prefix = configuration["ServerlessIR:Storage:Prefix"] ?? "",
        };
        if (string.IsNullOrEmpty(options.ConnectionString) && options.TableServiceUri is null)
        {
            throw new InvalidOperationException(
                "Storage is not configured: set AzureWebJobsStorage (connection string) or AzureWebJobsStorage__tableServiceUri and __blobServiceUri.");
        }
        return options;
    }

    public static TableServiceClient Tables(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrEmpty(options.ConnectionString)
            ? new TableServiceClient(options.TableServiceUri, Credential(options))
            : new TableServiceClient(options.ConnectionString);
    }

    public static BlobServiceClient Blobs(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrEmpty(options.ConnectionString)
            ? new BlobServiceClient(options.BlobServiceUri, Credential(options))
            : new BlobServiceClient(options.ConnectionString);
    }

    private static DefaultAzureCredential Credential(StorageOptions options) =>
        new(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ClientId });

    private static Uri? Uri(string? value) => string.IsNullOrEmpty(value) ? null : new Uri(value);
}
