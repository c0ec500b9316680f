using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Playbooks;
using IncidentView = ServerlessIR.Core.Incidents.IncidentSummary;
using PageSummary = ServerlessIR.Core.Approvals.IncidentSummary;

namespace ServerlessIR.Adapters.Approvals;

/// <summary>
/// What an approval or notice page shows, from the incident list the orchestration keeps current, and who may act:
/// the tier's approvers (Entra group through Graph, else the playbook's list) for a step, the DPO for a notice.
/// </summary>
public sealed class IncidentApprovalContextSource : IApprovalContextSource
{
    private readonly IIncidentStore incidents;
    private readonly IPlaybookProvider playbooks;
    private readonly TierApprovers approvers;
    private readonly INoticeDraftStore drafts;

    public IncidentApprovalContextSource(IIncidentStore incidents, IPlaybookProvider playbooks, TierApprovers approvers, INoticeDraftStore drafts)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(playbooks);
        ArgumentNullException.ThrowIfNull(approvers);
        ArgumentNullException.ThrowIfNull(drafts);
        this.incidents = incidents;
        this.playbooks = playbooks;
        this.approvers = approvers;
        this.drafts = drafts;
    }

    public async Task<ApprovalContext?> GetAsync(ApprovalToken token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(token);
        var incident = await incidents.GetAsync(token.IncidentId, ct);
        if (incident is null)
        {
            return null;
        }
        var playbook = playbooks.Current;
        if (token.Purpose == ApprovalPurpose.Notice)
        {
            var draft = token.NoticeId is null ? null : await drafts.GetAsync(token.IncidentId, token.NoticeId, ct);
            if (draft is null)
            {
                return null;
            }
            var dpo = new[] { playbook.Notifications.DpoReviewAddress, playbook.Organisation.Dpo.Email }.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            return new ApprovalContext { Incident = Page(incident, token), AllowedApprovers = dpo, Notice = draft };
        }
        var tier = playbook.Approvals.FindTier(token.Tier);
        if (tier is null)
        {
            return null;
        }
        return new ApprovalContext { Incident = Page(incident, token), AllowedApprovers = await approvers.ResolveAsync(tier, ct) };
    }

    private static PageSummary Page(IncidentView incident, ApprovalToken token)
    {
        var nearest = incident.Obligations.Where(o => o.Deadline is not null && o.Status == "Pending").MinBy(o => o.Deadline);
        return new PageSummary
        {
            IncidentId = incident.Id,
            Severity = incident.Severity?.Level ?? "unassessed",
            AiSystem = incident.AiSystemName ?? incident.AiSystem ?? "unknown",
            DataCategories = incident.DataCategories,
            RequestedAction = token.ActionId,
            ActionEffect = ActionEffects.Describe(token.ActionId),
            NearestDeadline = nearest?.Deadline,
            NearestDeadlineRegime = nearest?.Regime,
            Summary = $"Status {incident.Status}; {incident.Signals} signal(s); opened {incident.OpenedAt:yyyy-MM-dd HH:mm} UTC."
                + (incident.Timeline.Count == 0 ? "" : " Latest: " + incident.Timeline[^1].Summary),
        };
    }
}
