using System.Text;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Adapters.Http;

/// <summary>The incident page's tasks and post-incident review (docs/lifecycle.md).</summary>
public static partial class ConsolePageRenderer
{
    private static void AppendTasks(StringBuilder body, IncidentSummary incident) =>
        AppendCards(body, "Tasks", "None.", incident.Tasks.OrderBy(t => t.Status != IncidentTaskStatus.Open).ThenBy(t => t.Due), AppendTask);

    private static void AppendTask(StringBuilder body, IncidentTask t)
    {
        body.Append("<div class=\"row\"><strong>").Append(E(t.Title)).Append("</strong><span class=\"status\">").Append(E(t.Status.ToString()))
            .Append("</span><span>owner ").Append(E(t.Owner)).Append("</span><span>due ").Append(E(Time(t.Due))).Append("</span>");
        if (t.EscalatedAt is not null && t.Status == IncidentTaskStatus.Open)
        {
            body.Append("<span class=\"late\">overdue, escalated</span>");
        }
        body.Append("<span class=\"muted\">").Append(E(t.Id)).Append("</span></div>");
        if (t.Reason is not null)
        {
            body.Append("<div class=\"muted\">").Append(E(t.ResolvedBy)).Append(": ").Append(E(t.Reason)).Append("</div>");
        }
    }

    private static void AppendReview(StringBuilder body, IncidentSummary incident)
    {
        if (incident.Review is not { } review)
        {
            return;
        }
        body.Append("<h2>Post-incident review</h2><dl>");
        Row(body, "Reviewed by", review.ReviewedBy + (review.Approval is { } two ? ", seconded by " + two.ApprovedBy : ""));
        Row(body, "Root cause", review.RootCause);
        Row(body, "Control changes", review.ControlChanges);
        foreach (var entry in review.RiskRegister)
        {
            Row(body, "Risk register: " + entry.AiSystem, entry.Entry);
        }
        body.Append("</dl>");
    }
}
