using System.Globalization;
using System.Net;
using System.Text;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Adapters.Http;

/// <summary>
/// Renders the approval and notice pages as self-contained HTML: no script, no external assets (the page must work on
/// a phone behind a strict proxy), system fonts, large buttons. Pure functions of their inputs, so a test can render
/// and inspect every state. Every dynamic value is HTML-encoded.
/// </summary>
public static class ApprovalPageRenderer
{
    private const string Style = """
        :root{color-scheme:light dark}
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:1rem;line-height:1.5;max-width:42rem;margin-inline:auto}
        h1{font-size:1.4rem;margin:.5rem 0 1rem}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:0 0 1.25rem}
        dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
        .sev{display:inline-block;padding:.1rem .5rem;border-radius:.3rem;background:#b00020;color:#fff;font-weight:700}
        .deadline{font-size:1.1rem;font-weight:700}
        .effect{border-left:.3rem solid #c77700;padding:.5rem .75rem;background:rgba(199,119,0,.08);margin:0 0 1.25rem}
        label{display:block;font-weight:600;margin:.75rem 0 .25rem}
        textarea,input[type=text]{width:100%;box-sizing:border-box;font:inherit;padding:.6rem;border-radius:.4rem;border:1px solid #888}
        textarea{min-height:6rem}
        .buttons{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1rem}
        button{font:inherit;font-size:1.1rem;font-weight:700;min-height:3rem;padding:.75rem 1.5rem;border:0;border-radius:.5rem;cursor:pointer;flex:1 1 12rem}
        .approve{background:#0b6e2f;color:#fff}.reject{background:#b00020;color:#fff}
        .error{background:#fde7e9;color:#7a0010;border:1px solid #b00020;padding:.75rem;border-radius:.4rem}
        .notice{border:1px solid #888;border-radius:.4rem;padding:1rem;margin:0 0 1.25rem}
        .refusal{border-left:.4rem solid #b00020;padding:.75rem 1rem}
        footer{margin-top:2rem;font-size:.85rem;opacity:.8}
        .exercise{background:#b00020;color:#fff;font-weight:700;padding:.75rem 1rem;border-radius:.4rem;margin:0 0 1rem}
        """;

    /// <summary>The approve / reject form for a containment step.</summary>
    public static string RenderApprovalForm(
        ApprovalContext context, ApprovalToken token, string approver, string postPath, DateTimeOffset now, string? error = null, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(token);
        var body = new StringBuilder();
        AppendExerciseBanner(body, context.Incident.IncidentId);
        body.Append("<h1>Approval needed: ").Append(E(context.Incident.RequestedAction)).Append("</h1>");
        AppendError(body, error);
        AppendSummary(body, context.Incident, token, now);
        body.Append("<p class=\"effect\"><strong>Effect if approved:</strong> ").Append(E(context.Incident.ActionEffect)).Append("</p>");
        body.Append("<form method=\"post\" action=\"").Append(E(postPath)).Append("\">");
        body.Append("<label for=\"reason\">Reason (required to reject)</label>");
        body.Append("<textarea id=\"reason\" name=\"reason\" maxlength=\"").Append(FormLimits.FreeText).Append("\">").Append(E(reason ?? "")).Append("</textarea>");
        body.Append("<div class=\"buttons\">");
        body.Append("<button class=\"approve\" type=\"submit\" name=\"decision\" value=\"approve\">Approve</button>");
        body.Append("<button class=\"reject\" type=\"submit\" name=\"decision\" value=\"reject\">Reject</button>");
        body.Append("</div></form>");
        body.Append("<footer>Signed in as ").Append(E(approver)).Append(". This link works once and expires ")
            .Append(E(token.ExpiresAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))).Append(".</footer>");
        return Page(ExerciseTitle(context.Incident.IncidentId, "Approval needed — " + context.Incident.IncidentId), body.ToString());
    }

    /// <summary>The DPO's review page for a drafted notice, with "mark submitted" and an optional reference number.</summary>
    public static string RenderNoticeForm(
        ApprovalContext context, ApprovalToken token, string approver, string postPath, DateTimeOffset now, string? error = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(token);
        var notice = context.Notice ?? throw new ArgumentException("A notice page needs a notice draft.", nameof(context));
        var body = new StringBuilder();
        AppendExerciseBanner(body, context.Incident.IncidentId);
        body.Append("<h1>Review notice: ").Append(E(notice.Title)).Append("</h1>");
        AppendError(body, error);
        body.Append("<dl>");
        Row(body, "Incident", context.Incident.IncidentId);
        Row(body, "Regime", notice.Regime);
        Row(body, "Recipient", notice.Recipient);
        body.Append("<dt>Deadline</dt><dd class=\"deadline\">").Append(E(DeadlineText.TimeLeft(notice.Deadline, now))).Append("</dd>");
        body.Append("</dl>");
        // The draft is our own template's output with every model value encoded (NoticeRenderer), so it is embedded as HTML.
        body.Append("<section class=\"notice\">").Append(notice.BodyHtml).Append("</section>");
        body.Append("<form method=\"post\" action=\"").Append(E(postPath)).Append("\">");
        body.Append("<label for=\"reference\">Regulator reference number (optional)</label>");
        body.Append("<input type=\"text\" id=\"reference\" name=\"reference\" maxlength=\"").Append(FormLimits.Name).Append("\" autocomplete=\"off\">");
        body.Append("<div class=\"buttons\"><button class=\"approve\" type=\"submit\" name=\"decision\" value=\"submitted\">Mark as submitted</button></div>");
        body.Append("</form>");
        body.Append("<footer>Signed in as ").Append(E(approver)).Append(". Drafted by ServerlessIR — not legal advice, review before submitting.</footer>");
        return Page(ExerciseTitle(context.Incident.IncidentId, "Review notice — " + context.Incident.IncidentId), body.ToString());
    }

    /// <summary>The page after a decision was recorded.</summary>
    public static string RenderConfirmation(ApprovalDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var what = decision.Outcome switch
        {
            ApprovalOutcome.Approved => "You approved this step.",
            ApprovalOutcome.Rejected => "You rejected this step.",
            _ => "The notice is recorded as submitted.",
        };
        var body = new StringBuilder();
        body.Append("<h1>Recorded</h1><p>").Append(E(what)).Append("</p><dl>");
        Row(body, "Incident", decision.IncidentId);
        Row(body, "Step", decision.ActionId);
        Row(body, "By", decision.DecidedBy);
        Row(body, "At", decision.DecidedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(decision.Reason))
        {
            Row(body, "Reason", decision.Reason);
        }
        if (!string.IsNullOrEmpty(decision.ReferenceNumber))
        {
            Row(body, "Reference", decision.ReferenceNumber);
        }
        body.Append("</dl><p>You can close this page.</p>");
        return Page("Recorded", body.ToString());
    }

    /// <summary>The page for a decision that matches the one already recorded through another link.</summary>
    public static string RenderAlreadyRecorded(ApprovalToken token, StandingDecision standing)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(standing);
        var body = new StringBuilder();
        body.Append("<h1>Already recorded</h1><p>This decision was already recorded (through this or another link for the same request); nothing more to do.</p><dl>");
        Row(body, "Incident", token.IncidentId);
        Row(body, "Step", token.ActionId);
        Row(body, "Decision", standing.Outcome.ToString());
        Row(body, "By", standing.DecidedBy);
        Row(body, "At", standing.DecidedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        body.Append("</dl><p>You can close this page.</p>");
        return Page("Already recorded", body.ToString());
    }

    /// <summary>A refusal that says why, in words an approver can act on, what decision stands (if one does), and that nothing was changed.</summary>
    public static string RenderRefusal(ApprovalRefusalReason reason, StandingDecision? standing = null)
    {
        var (title, text) = RefusalText(reason, standing);
        var body = "<div class=\"refusal\"><h1>" + E(title) + "</h1><p>" + E(text) + "</p><p><strong>Nothing was changed.</strong></p></div>";
        return Page(title, body);
    }

    /// <summary>The title and sentence of a refusal, shared by the page and the problem+json answer.</summary>
    public static (string Title, string Text) RefusalText(ApprovalRefusalReason reason, StandingDecision? standing = null)
    {
        if (reason == ApprovalRefusalReason.DecisionStands)
        {
            return ("A decision was already taken", standing is null
                ? "A different decision was already recorded for this request, and it stands."
                : $"{standing.Outcome} by {standing.DecidedBy} at {standing.DecidedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)} stands; "
                    + "a later, different decision is refused, whichever link it came through.");
        }
        return reason switch
        {
            ApprovalRefusalReason.Expired => ("This link has expired", "The approval window passed, and the request has moved on (it may have escalated to the next approver)."),
            ApprovalRefusalReason.AlreadyUsed => ("This link was already used", "A decision was already recorded with this link. Each link works once."),
            ApprovalRefusalReason.WrongApprover => ("You are not an approver for this step", "This request is addressed to a different group of approvers."),
            ApprovalRefusalReason.NotSignedIn => ("Sign-in required", "We could not tell who you are, so we cannot accept a decision from this page."),
            ApprovalRefusalReason.UnknownIncident => ("Request not found", "The incident or step this link refers to is not open any more."),
            ApprovalRefusalReason.WrongPage => ("Wrong page for this link", "This link belongs to a different kind of request."),
            ApprovalRefusalReason.CrossSiteRequest => ("Request refused", "The decision was not sent from this page."),
            ApprovalRefusalReason.KeyRetired => ("This link's signing key was retired",
                "The key that signed this link has been rotated out since it was sent, so the link can no longer be checked. Use a newer link (a reminder or escalation), or ask for a new one."),
            ApprovalRefusalReason.SamePerson => ("You asked for this yourself",
                "This request needs a second, different person: the one who asked for it cannot also approve or reject it. Someone else on the list has been asked."),
            _ => ("This link is not valid", "The link is damaged or was not issued by ServerlessIR. Use the link from the original message."),
        };
    }

    private static void AppendSummary(StringBuilder body, ApprovalBrief incident, ApprovalToken token, DateTimeOffset now)
    {
        body.Append("<dl>");
        Row(body, "Incident", incident.IncidentId);
        body.Append("<dt>Severity</dt><dd><span class=\"sev\">").Append(E(incident.Severity)).Append("</span></dd>");
        Row(body, "AI system", incident.AiSystem);
        Row(body, "Data categories", incident.DataCategories.Count == 0 ? "unknown" : string.Join(", ", incident.DataCategories));
        Row(body, "Requested action", incident.RequestedAction);
        Row(body, "Approval tier", token.Tier);
        var deadline = DeadlineText.TimeLeft(incident.NearestDeadline, now);
        if (incident.NearestDeadlineRegime is not null)
        {
            deadline += " (" + incident.NearestDeadlineRegime + ")";
        }
        body.Append("<dt>Nearest deadline</dt><dd class=\"deadline\">").Append(E(deadline)).Append("</dd>");
        body.Append("</dl>");
        if (!string.IsNullOrEmpty(incident.Summary))
        {
            body.Append("<p>").Append(E(incident.Summary)).Append("</p>");
        }
    }

    /// <summary>
    /// Opens an exercise incident's page with the banner its messages carry: the person deciding must know before deciding
    /// that nothing real depends on it, and a page opened from a forwarded link says so without its message.
    /// </summary>
    private static void AppendExerciseBanner(StringBuilder body, string incidentId)
    {
        if (ExerciseEvents.IsExercise(incidentId))
        {
            body.Append("<p class=\"exercise\" role=\"note\">").Append(E(ExerciseMarking.Banner)).Append("</p>");
        }
    }

    /// <summary>The page title, prefixed as the exercise's e-mail subjects are.</summary>
    public static string ExerciseTitle(string incidentId, string title) =>
        ExerciseEvents.IsExercise(incidentId) ? ExerciseMarking.SubjectPrefix + title : title;

    private static void AppendError(StringBuilder body, string? error)
    {
        if (!string.IsNullOrEmpty(error))
        {
            body.Append("<p class=\"error\" role=\"alert\">").Append(E(error)).Append("</p>");
        }
    }

    private static void Row(StringBuilder body, string name, string value) =>
        body.Append("<dt>").Append(E(name)).Append("</dt><dd>").Append(E(value)).Append("</dd>");

    private static string Page(string title, string body) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">" +
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        "<meta name=\"referrer\" content=\"same-origin\">" +
        "<title>" + E(title) + "</title><style>" + Style + "</style></head><body>" + body + "</body></html>";

    private static string E(string? value) => WebUtility.HtmlEncode(value ?? "");
}
