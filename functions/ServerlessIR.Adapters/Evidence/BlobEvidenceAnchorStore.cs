using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Adapters.Evidence;

/// <summary>
/// Anchors as write-once blobs: <c>evidence/anchors/{incident}/{recordCount:D10}.json</c>, uploaded
/// with <c>If-None-Match: *</c> so an existing anchor is never replaced.
/// </summary>
/// <remarks>
/// In Azure the container carries a time-based immutability policy, so not even an account owner
/// can change or delete an anchor within retention; someone able to rewrite the evidence table still
/// cannot make a rewritten chain match these heads.
/// </remarks>
public sealed class BlobEvidenceAnchorStore : IEvidenceAnchorStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly BlobContainerClient container;

    public BlobEvidenceAnchorStore(BlobServiceClient blobService, EvidenceStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(blobService);
        ArgumentNullException.ThrowIfNull(options);
        container = blobService.GetBlobContainerClient(options.AnchorContainerName);
    }

    public async Task<EvidenceAnchor> AddAsync(EvidenceAnchor anchor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        EvidenceKeys.ValidateIncidentId(anchor.IncidentId);
        var blob = container.GetBlobClient(BlobName(anchor.IncidentId, anchor.RecordCount));
        return await StoredBlobs.TryWriteOnceAsync(blob, BinaryData.FromObjectAsJson(anchor, Json), "application/json", cancellationToken)
            ? anchor
            : AnchorConflicts.KeepStored(await DownloadAsync(blob, cancellationToken), anchor, "anchor blob");
    }

    public async Task<IReadOnlyList<EvidenceAnchor>> ReadAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        EvidenceKeys.ValidateIncidentId(incidentId);
        var anchors = new List<EvidenceAnchor>();
        try
        {
            await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{Folder}/{incidentId}/" }, cancellationToken))
            {
                anchors.Add(await DownloadAsync(container.GetBlobClient(item.Name), cancellationToken));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No container yet: nothing anchored yet.
        }

        return anchors;
    }

    /// <summary>Every incident with an anchor blob: the immutable list of what was ever anchored.</summary>
    public async Task<IReadOnlyList<string>> ListIncidentsAsync(CancellationToken cancellationToken = default)
    {
        var incidents = new List<string>();
        try
        {
            await foreach (var item in container.GetBlobsByHierarchyAsync(new GetBlobsByHierarchyOptions { Prefix = Folder + "/", Delimiter = "/" }, cancellationToken))
            {
                if (item.IsPrefix)
                {
                    incidents.Add(item.Prefix[(Folder.Length + 1)..].TrimEnd('/'));
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No container yet: nothing anchored yet.
        }

        return incidents;
    }

    /// <summary>The anchors' folder in the evidence container, beside the preserved event logs.</summary>
    private const string Folder = "anchors";

    private static string BlobName(string incidentId, long recordCount) => $"{Folder}/{incidentId}/{EvidenceKeys.RowKey(recordCount)}.json";

    private static async Task<EvidenceAnchor> DownloadAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var content = await blob.DownloadContentAsync(cancellationToken);
        return content.Value.Content.ToObjectFromJson<EvidenceAnchor>(Json)
            ?? throw new InvalidDataException($"Anchor blob {blob.Name} is empty.");
    }
}
