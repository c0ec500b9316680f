using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Containment;

namespace ServerlessIR.Adapters.Containment;

/// <summary>
/// Write-once blobs in the evidence container: prior states under <c>containment/{idempotencyKey}.json</c> and preserved data
/// under the names the activities give. Uploads carry <c>If-None-Match: *</c>, so nothing is ever replaced, which also suits
/// the container's immutability policy in Azure.
/// </summary>
public sealed class BlobContainmentRecords : IContainmentRecords
{
    private readonly BlobContainerClient container;

    public BlobContainmentRecords(BlobServiceClient blobs, ContainmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(options);
        container = blobs.GetBlobContainerClient(options.EvidenceContainer);
    }

    public async Task<JsonObject> RememberOnceAsync(string idempotencyKey, JsonObject state, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        ArgumentNullException.ThrowIfNull(state);
        var name = $"containment/{idempotencyKey}.json";
        if (await WriteOnceAsync(name, BinaryData.FromString(state.ToJsonString()), "application/json", cancellationToken))
        {
            return state;
        }
        var stored = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
        return JsonNode.Parse(stored.Value.Content.ToString())!.AsObject();
    }

    public Task<bool> PreserveOnceAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return WriteOnceAsync(name, new BinaryData(content), "application/x-ndjson", cancellationToken);
    }

    private Task<bool> WriteOnceAsync(string name, BinaryData content, string contentType, CancellationToken cancellationToken) =>
        StoredBlobs.TryWriteOnceAsync(container.GetBlobClient(name), content, contentType, cancellationToken);
}
