using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Playbooks;
using IncidentView = ServerlessIR.Core.Incidents.IncidentSummary;
using PageSummary = ServerlessIR.Core.Approvals.ApprovalBrief;

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
    private readonly TimeProvider time;
    private readonly IDualControlStore? requests;
    private readonly Responders? responders;

    public IncidentApprovalContextSource(
        IIncidentStore incidents, IPlaybookProvider playbooks, TierApprovers approvers, INoticeDraftStore drafts, TimeProvider time,
        IDualControlStore? requests = null, Responders? responders = null)
    {
        this.requests = requests;
        this.responders = responders;
        ArgumentNullException.ThrowIfNull(time);
        this.time = time;
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
            var dpo = new[] { playbook.Notifications.DpoReviewAddress, playbook.Organisation.Dpo.Email }.OfType<string>()
                .Distinct(StringComparer.OrdinalIgnoreCase).Select(upn => new Approver(upn, Responders.ObjectIdOf(playbook, upn)));
            return ApprovalContext.For(Page(incident, token), dpo) with { Notice = draft with { Deadline = ForPage(incident, draft.Deadline) } };
        }
        if (token.Purpose == ApprovalPurpose.DualControl)
        {
            var request = requests is null || responders is null || token.RequestId is null
                ? null
                : await requests.GetAsync(token.IncidentId, token.RequestId, ct);
            return request is null
                ? null
                : ApprovalContext.For(Page(incident, token) with { RequestedAction = request.Summary, ActionEffect = DualControlEffect(request) },
                    await responders!.ResolveAsync(ct)) with { Request = request, AppRole = playbook.Approvals.AppRole };
        }
        var tier = playbook.Approvals.FindTier(token.Tier);
        if (tier is null)
        {
            return null;
        }
        return ApprovalContext.For(Page(incident, token), await approvers.ResolvePeopleAsync(tier, ct));
    }

    private static string DualControlEffect(DualControlRequest request) =>
        $"{request.RequestedBy} asked for this; it needs a second, different person. Approving raises it on the incident now; "
        + "rejecting records the rejection and changes nothing.";

    /// <summary>
    /// A deadline as the page must pass it: the page measures time left against the real clock, while deadlines are in
    /// incident time. Shifting the deadline by the incident's lead over real time (<see cref="IncidentTime"/>, as the
    /// record last told it) makes "time left" incident time under a drill's time scale too (in production, the deadline itself).
    /// </summary>
    private DateTimeOffset? ForPage(IncidentView incident, DateTimeOffset? deadline)
    {
        if (deadline is null)
        {
            return deadline;
        }
        var now = time.GetUtcNow();
        return now + (deadline.Value - incident.Time.Now(now));
    }

    private PageSummary Page(IncidentView incident, ApprovalToken token)
    {
        var nearest = incident.Obligations.Where(o => o.Deadline is not null && o.Status == ObligationStatus.Pending).MinBy(o => o.Deadline);
        return new PageSummary
        {
            IncidentId = incident.Id,
            Severity = incident.Severity?.Level ?? "unassessed",
            AiSystem = incident.AiSystemName ?? incident.AiSystem ?? "unknown",
            DataCategories = incident.DataCategories,
            RequestedAction = token.ActionId,
            ActionEffect = ContainmentActions.EffectOf(token.ActionId),
            NearestDeadline = ForPage(incident, nearest?.Deadline),
            NearestDeadlineRegime = nearest?.Regime,
            Summary = $"Status {incident.Status}; {incident.Signals} signal(s); opened {incident.OpenedAt:yyyy-MM-dd HH:mm} UTC."
                + (incident.Timeline.Count == 0 ? "" : " Latest: " + incident.Timeline[^1].Summary),
        };
    }
}
