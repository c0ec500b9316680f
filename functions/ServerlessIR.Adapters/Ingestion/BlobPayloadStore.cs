using Azure.Storage.Blobs;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>Raw alert payloads in a private blob container, one blob per delivery key.</summary>
public sealed class BlobPayloadStore : IPayloadStore
{
    private readonly BlobContainerClient container;

    public BlobPayloadStore(BlobServiceClient blobs, TableNames names)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(names);
        container = blobs.GetBlobContainerClient(names.RawPayloadContainer);
    }

    public async Task<string> PutAsync(string key, string content, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var name = key + ".json";
        // Stored once: a redelivery finds the blob already there and keeps the first copy.
        await StoredBlobs.TryWriteOnceAsync(container.GetBlobClient(name), BinaryData.FromString(content), contentType: null, cancellationToken);
        return $"blob:{container.Name}/{name}";
    }

    public async Task<string?> GetAsync(string reference, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        var name = reference[(reference.IndexOf('/', StringComparison.Ordinal) + 1)..];
        return (await StoredBlobs.ReadIfExistsAsync(container.GetBlobClient(name), cancellationToken))?.ToString();
    }
}
