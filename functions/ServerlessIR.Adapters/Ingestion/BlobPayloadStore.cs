using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>
/// Raw alert payloads in a private blob container: a delivery's payloads in one blob, each event's reference naming its
/// slice (<see cref="PayloadReference"/>); single payloads (a rejected delivery's long copies) in a blob of their own.
/// </summary>
/// <remarks>
/// A delivery's blob is named by the hash of its content and written once, so a redelivery that stores the same payloads
/// finds it in place and gets the same references. Retention deletes whole blobs by age (each is written once, so its last
/// write is its delivery); a delivery's payloads share one period, so they go together.
/// </remarks>
public sealed class BlobPayloadStore : IPayloadStore
{
    private const string DeliveryPrefix = "d-";
    private static readonly byte[] Separator = "\n"u8.ToArray();
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
        return new PayloadReference(container.Name, name).ToString();
    }

    public async Task<IReadOnlyList<string>> PutDeliveryAsync(IReadOnlyList<string> contents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contents);
        if (contents.Count == 0)
        {
            return [];
        }
        // JSON Lines: each payload on its own line, so the blob also reads as a whole.
        using var buffer = new MemoryStream();
        var slices = new List<(long Offset, long Length, string Sha)>(contents.Count);
        foreach (var content in contents)
        {
            var bytes = Encoding.UTF8.GetBytes(content);
            slices.Add((buffer.Position, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))));
            buffer.Write(bytes);
            buffer.Write(Separator);
        }
        var whole = buffer.ToArray();
        var name = DeliveryPrefix + Convert.ToHexStringLower(SHA256.HashData(whole))[..40] + ".jsonl";
        await StoredBlobs.TryWriteOnceAsync(container.GetBlobClient(name), BinaryData.FromBytes(whole), "application/jsonl", cancellationToken);
        return [.. slices.Select(s => new PayloadReference(container.Name, name, s.Offset, s.Length, s.Sha).ToString())];
    }

    public async Task<string?> GetAsync(string reference, CancellationToken cancellationToken = default)
    {
        var parsed = Parse(reference);
        var blob = container.GetBlobClient(parsed.Blob);
        if (!parsed.IsSlice)
        {
            return (await StoredBlobs.ReadIfExistsAsync(blob, cancellationToken))?.ToString();
        }
        if (parsed.Length == 0)
        {
            return "";
        }
        BinaryData content;
        try
        {
            content = (await blob.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(parsed.Offset!.Value, parsed.Length) }, cancellationToken)).Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        var bytes = content.ToMemory();
        if (bytes.Length != parsed.Length
            || (parsed.Sha256Hex is { } expected && !string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes.Span)), expected, StringComparison.Ordinal)))
        {
            throw new InvalidDataException($"The payload at {reference} does not match its recorded length and hash.");
        }
        return Encoding.UTF8.GetString(bytes.Span);
    }

    private PayloadReference Parse(string reference)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        var parsed = PayloadReference.Parse(reference);
        if (!string.Equals(parsed.Container, container.Name, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The reference names container '{parsed.Container}', not this store's '{container.Name}'.", nameof(reference));
        }
        return parsed;
    }
}
