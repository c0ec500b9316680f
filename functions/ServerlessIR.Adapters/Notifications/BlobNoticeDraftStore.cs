using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Approvals;
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
        try
        {
            var content = await container.GetBlobClient(Name(incidentId, noticeId)).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<NoticeDraft>(JsonSerializerOptions.Web);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private static string Name(string incidentId, string noticeId) => $"{incidentId}/{noticeId}.json";
}
