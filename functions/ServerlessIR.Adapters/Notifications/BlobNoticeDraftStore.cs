using System.Text.Json;
using Azure.Storage.Blobs;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Adapters.Notifications;

/// <summary>Drafted notices as JSON blobs (<c>notice-drafts/{incident}/{notice}.json</c>) in the private storage account.</summary>
public sealed class BlobNoticeDraftStore : INoticeDraftStore
{
    private readonly BlobContainerClient container;

    public BlobNoticeDraftStore(BlobServiceClient blobs, TableNames names)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(names);
        container = blobs.GetBlobContainerClient(names.NoticeDraftContainer);
    }

    public async Task SaveAsync(string incidentId, NoticeDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        ArgumentNullException.ThrowIfNull(draft);
        await container.GetBlobClient(Name(incidentId, draft.NoticeId))
            .UploadAsync(BinaryData.FromObjectAsJson(draft, JsonSerializerOptions.Web), overwrite: true, cancellationToken);
    }

    public async Task<NoticeDraft?> GetAsync(string incidentId, string noticeId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        ArgumentException.ThrowIfNullOrEmpty(noticeId);
        var content = await StoredBlobs.ReadIfExistsAsync(container.GetBlobClient(Name(incidentId, noticeId)), cancellationToken);
        return content?.ToObjectFromJson<NoticeDraft>(JsonSerializerOptions.Web);
    }

    private static string Name(string incidentId, string noticeId) => $"{incidentId}/{noticeId}.json";
}
