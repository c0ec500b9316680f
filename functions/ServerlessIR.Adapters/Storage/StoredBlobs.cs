using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace ServerlessIR.Adapters.Storage;

/// <summary>
/// The two blob operations the stores share: a write that never replaces (raw payloads, preserved logs, prior states,
/// anchors: a retried activity finds its first copy in place, which also suits the evidence container's immutability
/// policy in Azure), and a read where a missing blob is an answer, not an error.
/// </summary>
internal static class StoredBlobs
{
    /// <summary>Uploads with <c>If-None-Match: *</c>; false when the blob already exists, which is then left as it is.</summary>
    public static async Task<bool> TryWriteOnceAsync(BlobClient blob, BinaryData content, string? contentType, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
        if (contentType is not null)
        {
            options.HttpHeaders = new BlobHttpHeaders { ContentType = contentType };
        }
        try
        {
            await blob.UploadAsync(content, options, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>The blob's content, or null when there is no such blob.</summary>
    public static async Task<BinaryData?> ReadIfExistsAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
