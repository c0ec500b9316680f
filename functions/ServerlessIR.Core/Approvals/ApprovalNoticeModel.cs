using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Approvals;

/// <summary>The notice model the approval e-mail and card render: approvals use the notice templates, not the reverse.</summary>
public static class ApprovalNoticeModel
{
    /// <summary>The model of the approval e-mail and card.</summary>
    public static NoticeModel For(Playbook playbook, ApprovalRequestInput input, string url)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        ArgumentNullException.ThrowIfNull(input);
        var system = playbook.FindAiSystem(input.AiSystem);
        return new NoticeModel
        {
            Incident = new NoticeIncident
            {
                Id = input.IncidentId,
                Severity = input.Severity,
                Title = "Approval needed: " + input.Action,
                Nature = ActionEffects.Describe(input.Action),
                AwareAt = input.IncidentNow,
                DataCategories = input.DataCategories,
            },
            Organisation = NoticeModelFactory.Organisation(playbook),
            Notice = new NoticeMeta { Id = $"{input.IncidentId}/approval/{input.Action}/{input.Tier}", Regime = "approval", DraftedAt = input.IncidentNow },
            Approval = new NoticeApproval
            {
                Url = url,
                RequestedAction = input.Action,
                Effect = ActionEffects.Describe(input.Action),
                Tier = input.EscalatedFrom is null ? input.Tier : $"{input.Tier} (escalated: {input.EscalatedFrom} did not answer)",
                AiSystem = system?.Name ?? input.AiSystem ?? "unknown",
                TimeLeft = DeadlineText.TimeLeft(input.NearestDeadline, input.IncidentNow),
                DeadlineRegime = input.NearestDeadlineRegime ?? "",
            },
        };
    }
}
