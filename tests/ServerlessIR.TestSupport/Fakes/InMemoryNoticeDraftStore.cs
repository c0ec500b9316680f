using System.Collections.Concurrent;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.TestSupport.Fakes;

/// <summary>A process-local draft store for tests; hosts keep drafts in blob storage.</summary>
public sealed class InMemoryNoticeDraftStore : INoticeDraftStore
{
    private readonly ConcurrentDictionary<string, NoticeDraft> drafts = new(StringComparer.Ordinal);

    public Task SaveAsync(string incidentId, NoticeDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        drafts[incidentId + "/" + draft.NoticeId] = draft;
        return Task.CompletedTask;
    }

    public Task<NoticeDraft?> GetAsync(string incidentId, string noticeId, CancellationToken cancellationToken = default) =>
        Task.FromResult(drafts.GetValueOrDefault(incidentId + "/" + noticeId));
}
