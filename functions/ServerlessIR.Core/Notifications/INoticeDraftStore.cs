
namespace ServerlessIR.Core.Notifications;

/// <summary>Keeps drafted notices for the DPO's review page. Saving the same notice again overwrites it (activities retry).</summary>
public interface INoticeDraftStore
{
    Task SaveAsync(string incidentId, NoticeDraft draft, CancellationToken cancellationToken = default);

    Task<NoticeDraft?> GetAsync(string incidentId, string noticeId, CancellationToken cancellationToken = default);
}
