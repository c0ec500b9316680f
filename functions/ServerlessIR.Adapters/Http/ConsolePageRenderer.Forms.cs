using System.Text;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Adapters.Http;

/// <summary>
/// The incident page's forms (issue 15): amended facts, a law-enforcement hold, a false positive, a new task, a task done
/// or waived, and the close with its review. Each posts to the API route a script or a person would use, same-origin, as
/// JSON (the page's one fixed script turns the form into the route's body), so the route's authorization, origin check,
/// validation and two-person rule are the only ones there are.
/// </summary>
public static partial class ConsolePageRenderer
{
    private static void AppendForms(StringBuilder body, IncidentSummary incident)
    {
        if (!IsOpen(incident))
        {
            return;
        }
        var id = Uri.EscapeDataString(incident.Id);
        body.Append("<h2>Act on this incident</h2><p class=\"muted\">Each form posts to the API as you (sign in first); holds, false positives and closing wait for a second person.</p>");

        foreach (var task in incident.Tasks.Where(t => t.Status == IncidentTaskStatus.Open))
        {
            Form(body, $"/api/incidents/{id}/tasks/{Uri.EscapeDataString(task.Id)}", "Task " + task.Id + ": " + task.Title, "task-" + task.Id,
                """<label>Outcome <select name="status"><option value="done">done</option><option value="waived">waived</option></select></label>""",
                """<label>Reason (required to waive) <textarea name="reason" maxlength="2000" rows="2"></textarea></label>""");
        }
        Form(body, $"/api/incidents/{id}/tasks", "Add a task", "add-task",
            """<label>Title <input name="title" maxlength="200" required></label>""",
            """<label>Owner (e-mail) <input name="owner" type="email" maxlength="200" required></label>""",
            """<label>Due (UTC, incident time) <input name="due" placeholder="2026-12-01T12:00:00Z" required></label>""",
            $"""<label>AI system <input name="aiSystem" maxlength="64" value="{E(incident.AiSystem)}"></label>""");
        var risk = incident.AiSystem is { } system
            ? $"""<input type="hidden" name="riskRegister.0.aiSystem" value="{E(system)}"><label>Risk-register entry for {E(system)} (EU AI Act Art. 9) <textarea name="riskRegister.0.entry" maxlength="2000" rows="2" required></textarea></label>"""
            : "";
        Form(body, $"/api/incidents/{id}/close", "Close with a post-incident review", "close",
            """<label>Root cause <textarea name="rootCause" maxlength="2000" rows="3" required></textarea></label>""",
            """<label>What changed in the controls <textarea name="controlChanges" maxlength="2000" rows="3" required></textarea></label>""",
            risk);
        Form(body, $"/api/incidents/{id}/facts", "Amend the facts", "facts",
            """<label>People affected <input name="subjectCount" data-type="number" inputmode="numeric"></label>""",
            """<label>Jurisdictions (comma-separated) <input name="jurisdictions" data-type="list" placeholder="DE, FR"></label>""",
            """<label>Note <textarea name="note" maxlength="2000" rows="2"></textarea></label>""");
        Form(body, $"/api/incidents/{id}/facts", "Place a law-enforcement hold", "hold",
            """<label>Regimes (comma-separated; empty: every notice) <input name="lawEnforcementHold.regimes" data-type="list"></label>""",
            """<label>Requested by <input name="lawEnforcementHold.requestedBy" maxlength="200" required></label>""",
            """<label>Reason <textarea name="lawEnforcementHold.reason" maxlength="2000" rows="2" required></textarea></label>""");
        Form(body, $"/api/incidents/{id}/false-positive", "Declare a false positive", "false-positive",
            """<label>Reason <textarea name="reason" maxlength="2000" rows="2" required></textarea></label>""");
    }

    private static void Form(StringBuilder body, string action, string title, string name, params string[] fields)
    {
        body.Append("<details><summary>").Append(E(title)).Append("</summary><form class=\"act\" method=\"post\" data-json id=\"form-").Append(E(name))
            .Append("\" action=\"").Append(E(action)).Append("\">");
        foreach (var field in fields)
        {
            body.Append(field);
        }
        body.Append("<button type=\"submit\">Send</button> <span role=\"status\"></span></form></details>");
    }
}
