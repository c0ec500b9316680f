using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using ServerlessIR.Core;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Adapters.Http;

/// <summary>
/// Renders the incident console (issue 15): the queue and an incident page, as self-contained HTML like the approval
/// page (system fonts, no external assets, usable on a phone). The only script is <see cref="Script"/>, a fixed text the
/// page's Content-Security-Policy admits by hash (<see cref="ScriptHash"/>): it runs the countdowns and the verify button,
/// and the pages read fully without it. Pure functions of their inputs; every value that can come from an alert is
/// HTML-encoded.
/// </summary>
public static partial class ConsolePageRenderer
{
    /// <summary>Timeline entries per incident page.</summary>
    public const int TimelinePageSize = 20;

    // Countdowns tick at the incident's time scale: in a drill an incident waits at the scale, so the deadline comes
    // that much faster. The verify button asks the verify route and shows its answer as text, never as HTML.
    private const string Script = """
        (function(){
        var t0=Date.now();
        function fmt(s){var neg=s<0;s=Math.abs(s);var d=Math.floor(s/86400),h=Math.floor(s%86400/3600),m=Math.floor(s%3600/60),x=Math.floor(s%60);
        var t=d>0?d+' d '+h+' h':h>0?h+' h '+m+' min':m+' min '+x+' s';return neg?'overdue by '+t:t+' left';}
        function tick(){var el=document.querySelectorAll('[data-left]');for(var i=0;i<el.length;i++){var e=el[i];
        var left=parseFloat(e.getAttribute('data-left'))-(Date.now()-t0)/1000*parseFloat(e.getAttribute('data-scale')||'1');
        e.textContent=fmt(left);e.className=left<0?'cd late':'cd';}}
        tick();setInterval(tick,1000);
        var b=document.getElementById('verify');if(b){b.addEventListener('click',function(ev){ev.preventDefault();
        var out=document.getElementById('verify-result');out.textContent='verifying…';
        fetch(b.getAttribute('href'),{headers:{Accept:'application/json'}}).then(function(r){return r.json();}).then(function(j){
        out.textContent=j.verified?'verified: '+j.records+' records, head '+j.headHash:'NOT verified: '+(j.problem||j.detail||'unknown problem');
        out.className=j.verified?'ok':'late';}).catch(function(){out.textContent='the verify route did not answer';out.className='late';});});}
        function put(o,path,v){var k=path.split('.');for(var i=0;i<k.length-1;i++){var n=/^[0-9]+$/.test(k[i+1]);
        if(o[k[i]]===undefined)o[k[i]]=n?[]:{};o=o[k[i]];}o[k[k.length-1]]=v;}
        var fs=document.querySelectorAll('form[data-json]');for(var f=0;f<fs.length;f++){fs[f].addEventListener('submit',function(ev){
        ev.preventDefault();var form=ev.target,o={},el=form.elements;for(var i=0;i<el.length;i++){var e=el[i];if(!e.name||e.value==='')continue;
        var ty=e.getAttribute('data-type'),v=ty==='number'?Number(e.value):ty==='list'?e.value.split(',').map(function(s){return s.trim();}).filter(function(s){return s;}):e.value;
        put(o,e.name,v);}var out=form.querySelector('[role=status]');out.textContent='sending…';out.className='';
        fetch(form.getAttribute('action'),{method:'POST',credentials:'same-origin',headers:{'Content-Type':'application/json',Accept:'application/json'},body:JSON.stringify(o)})
        .then(function(r){return r.json().then(function(j){return {ok:r.ok,s:r.status,j:j};});}).then(function(a){
        out.textContent=a.ok?'accepted ('+a.s+')'+(a.j.status==='pending'?': waits for a second person':''):a.s+' '+(a.j.title||'')+': '+(a.j.detail||'');
        out.className=a.ok?'ok':'late';if(a.ok&&a.j.status!=='pending')setTimeout(function(){location.reload();},1500);})
        .catch(function(){out.textContent='the route did not answer';out.className='late';});});}
        })();
        """;

    private const string Style = """
        :root{color-scheme:light dark}
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:1rem;line-height:1.45;max-width:60rem;margin-inline:auto}
        h1{font-size:1.4rem;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
        a{color:inherit}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0 0 1rem}
        dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
        ul.cards{list-style:none;padding:0;margin:0}
        ul.cards>li{border:1px solid #8886;border-radius:.5rem;padding:.75rem;margin:0 0 .6rem}
        .row{display:flex;flex-wrap:wrap;gap:.4rem .8rem;align-items:baseline}
        .sev{display:inline-block;padding:.05rem .45rem;border-radius:.3rem;background:#555;color:#fff;font-weight:700}
        .sev.SEV1{background:#b00020}.sev.SEV2{background:#c77700}
        .status{font-weight:600}.closed{opacity:.65}
        form.act{display:grid;gap:.4rem;margin:.5rem 0 1rem}form.act label{display:grid;gap:.2rem}details{margin:0 0 .4rem}
        .cd{font-weight:700}.late{color:#b00020;font-weight:700}.ok{color:#0b6e2f;font-weight:700}
        .waits{margin:.3rem 0 0;padding-left:1.1rem;font-size:.95rem}
        .muted{opacity:.75;font-size:.9rem}
        code{overflow-wrap:anywhere}
        nav.pager{display:flex;gap:1rem;margin:.5rem 0}
        .button{display:inline-block;font-weight:700;padding:.6rem 1.2rem;border-radius:.5rem;background:#0b5cad;color:#fff;text-decoration:none}
        .exercise{background:#b00020;color:#fff;font-weight:700;padding:.1rem .5rem;border-radius:.3rem}
        """;

    /// <summary>The value of <c>script-src</c> that admits <see cref="Script"/> and nothing else.</summary>
    public static string ScriptHash { get; } = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Script))) + "'";

    /// <summary>The queue: open incidents first, then by the nearest deadline; each with what waits on whom.</summary>
    /// <param name="incidents">The incidents to show, in any order.</param>
    /// <param name="now">Real time now; each incident's own time is derived from it and the incident's time scale.</param>
    /// <param name="basePath">The path the console is served below (<c>/api/console</c>), for links.</param>
    public static string RenderQueue(IReadOnlyList<IncidentSummary> incidents, DateTimeOffset now, string basePath)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        var body = new StringBuilder();
        var open = incidents.Count(IsOpen);
        body.Append("<h1>Incidents</h1><p class=\"muted\">").Append(open.ToString(CultureInfo.InvariantCulture)).Append(" open, ")
            .Append((incidents.Count - open).ToString(CultureInfo.InvariantCulture)).Append(" closed.</p>");
        if (incidents.Count == 0)
        {
            body.Append("<p>No incidents yet.</p>");
        }
        body.Append("<ul class=\"cards\">");
        foreach (var incident in Order(incidents, now))
        {
            body.Append("<li").Append(IsOpen(incident) ? "" : " class=\"closed\"").Append("><div class=\"row\">");
            AppendSeverity(body, incident);
            if (ExerciseEvents.IsExercise(incident.Id))
            {
                body.Append("<span class=\"exercise\">EXERCISE</span>");
            }
            body.Append("<a href=\"").Append(E(IncidentPath(basePath, incident.Id))).Append("\"><strong>").Append(E(incident.AiSystemName ?? incident.AiSystem ?? "unknown AI system"))
                .Append("</strong></a><span class=\"status\">").Append(E(incident.Status.ToString())).Append("</span>");
            var nearest = NearestDeadline(incident);
            if (nearest is not null && IsOpen(incident))
            {
                body.Append("<span>").Append(E(nearest.Regime)).Append(": ");
                AppendCountdown(body, incident, nearest.Deadline!.Value, now);
                body.Append("</span>");
            }
            body.Append("<code class=\"muted\">").Append(E(incident.Id)).Append("</code></div>");
            var waits = IsOpen(incident) ? WaitsOn(incident) : [];
            if (waits.Count > 0)
            {
                body.Append("<ul class=\"waits\">");
                foreach (var wait in waits.Take(3))
                {
                    body.Append("<li>").Append(E(wait)).Append("</li>");
                }
                if (waits.Count > 3)
                {
                    body.Append("<li>and ").Append(waits.Count - 3).Append(" more</li>");
                }
                body.Append("</ul>");
            }
            body.Append("</li>");
        }
        body.Append("</ul>");
        return Page("Incidents — ServerlessIR", body.ToString());
    }

    /// <summary>
    /// One incident: its facts, obligations with checkpoints, containment with outcome and undo state, approvals,
    /// notices sent, the evidence head with a verify button, and one page of the timeline, newest first.
    /// </summary>
    /// <param name="page">The timeline page, from 1. A page past the end shows no entries, with a link back.</param>
    public static string RenderIncident(IncidentSummary incident, int page, DateTimeOffset now, string basePath, string verifyPath)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        var inv = CultureInfo.InvariantCulture;
        var body = new StringBuilder();
        body.Append("<p><a href=\"").Append(E(basePath)).Append("\">&larr; All incidents</a></p>");
        if (ExerciseEvents.IsExercise(incident.Id))
        {
            body.Append("<p class=\"exercise\" role=\"note\">").Append(E(ExerciseMarking.Banner)).Append("</p>");
        }
        body.Append("<h1>").Append(E(incident.AiSystemName ?? incident.AiSystem ?? "Incident")).Append("</h1><dl>");
        Row(body, "Incident", incident.Id);
        body.Append("<dt>Severity</dt><dd>");
        AppendSeverity(body, incident);
        if (incident.Severity is { } severity)
        {
            body.Append(" ENISA ").Append(E(severity.EnisaScore.ToString("0.##", inv))).Append(" (").Append(E(severity.EnisaLevel)).Append(')');
        }
        body.Append("</dd>");
        Row(body, "Status", incident.Status.ToString());
        Row(body, "AI system", incident.AiSystem);
        Row(body, "Opened", Time(incident.OpenedAt));
        Row(body, "Signals", incident.Signals.ToString(inv));
        if (incident.DataCategories.Count > 0)
        {
            Row(body, "Data", string.Join(", ", incident.DataCategories));
        }
        if (incident.ContainedAt is { } contained)
        {
            Row(body, "Contained", Time(contained));
        }
        if (incident.LinkedIncidentId is { } linked)
        {
            body.Append("<dt>Linked</dt><dd><a href=\"").Append(E(IncidentPath(basePath, linked))).Append("\">").Append(E(linked)).Append("</a></dd>");
        }
        if (incident.TimeScale != 1)
        {
            Row(body, "Time scale", incident.TimeScale.ToString("0.##", inv) + " (a drill: times are incident times)");
        }
        body.Append("</dl>");

        var waits = IsOpen(incident) ? WaitsOn(incident) : [];
        if (waits.Count > 0)
        {
            body.Append("<h2>Waiting on</h2><ul class=\"waits\">");
            foreach (var wait in waits)
            {
                body.Append("<li>").Append(E(wait)).Append("</li>");
            }
            body.Append("</ul>");
        }

        AppendObligations(body, incident, now);
        AppendContainment(body, incident);
        AppendApprovals(body, incident);
        AppendNotices(body, incident);
        AppendTasks(body, incident);
        AppendReview(body, incident);
        AppendForms(body, incident);

        body.Append("<h2>Evidence</h2><dl>");
        Row(body, "Records", incident.EvidenceRecords.ToString(inv));
        body.Append("<dt>Head</dt><dd><code>").Append(E(incident.EvidenceHead ?? "none yet")).Append("</code></dd></dl>");
        body.Append("<p><a class=\"button\" id=\"verify\" href=\"").Append(E(verifyPath)).Append("\">Verify the chain</a> <span id=\"verify-result\" role=\"status\"></span></p>");

        AppendTimeline(body, incident, page, basePath);
        return Page(ApprovalPageRenderer.ExerciseTitle(incident.Id, incident.Id + " — ServerlessIR"), body.ToString());
    }

    /// <summary>The console path of one incident below <paramref name="basePath"/>.</summary>
    public static string IncidentPath(string basePath, string incidentId) =>
        basePath.TrimEnd('/') + "/incidents/" + Uri.EscapeDataString(incidentId);

    /// <summary>Not closed: still needs someone (a failed incident does too).</summary>
    public static bool IsOpen(IncidentSummary incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return incident.Status is not (IncidentStatus.Closed or IncidentStatus.FalsePositive);
    }

    /// <summary>The open obligation with the nearest fixed deadline, or null.</summary>
    public static ObligationSummary? NearestDeadline(IncidentSummary incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return incident.Obligations
            .Where(o => o.Deadline is not null && o.Status is ObligationStatus.Pending or ObligationStatus.Late or ObligationStatus.Scheduled)
            .OrderBy(o => o.Deadline)
            .FirstOrDefault();
    }

    /// <summary>What the incident waits for and from whom, in the order someone should act.</summary>
    public static IReadOnlyList<string> WaitsOn(IncidentSummary incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var waits = new List<string>();
        foreach (var step in incident.Containment)
        {
            if (step.Status == ContainmentStatus.Failed)
            {
                waits.Add($"Responder: {step.Action} failed after {step.Attempts} attempts; act by hand");
            }
            if (step.Undo == UndoStatus.UndoFailed)
            {
                waits.Add($"Responder: undo {step.Action} by hand");
            }
        }
        foreach (var step in incident.Containment.Where(s => s.Status == ContainmentStatus.Held))
        {
            waits.Add($"Approvers: {step.Action} is held");
        }
        foreach (var obligation in incident.Obligations.Where(o => o.Status is ObligationStatus.Late or ObligationStatus.Pending).OrderBy(o => o.Deadline ?? DateTimeOffset.MaxValue))
        {
            waits.Add($"DPO: submit the {obligation.Regime} notice to {obligation.Recipient}" + (obligation.Status == ObligationStatus.Late ? " (late: give reasons for the delay)" : ""));
        }
        foreach (var obligation in incident.Obligations.Where(o => o.Status == ObligationStatus.OnHold))
        {
            waits.Add($"Law enforcement: {obligation.Regime} notice on hold");
        }
        return waits;
    }

    private static IEnumerable<IncidentSummary> Order(IReadOnlyList<IncidentSummary> incidents, DateTimeOffset now) =>
        incidents
            .OrderBy(i => IsOpen(i) ? 0 : 1)
            .ThenBy(i => NearestDeadline(i) is { } o ? Left(i, o.Deadline!.Value, now) : TimeSpan.MaxValue)
            .ThenByDescending(i => i.OpenedAt);

    /// <summary>
    /// One section of the incident page: its heading, then a card per item, or a muted line saying there is none.
    /// </summary>
    private static void AppendCards<T>(StringBuilder body, string title, string emptyText, IEnumerable<T> items, Action<StringBuilder, T> appendItem)
    {
        body.Append("<h2>").Append(E(title)).Append("</h2>");
        var any = false;
        foreach (var item in items)
        {
            if (!any)
            {
                body.Append("<ul class=\"cards\">");
                any = true;
            }
            body.Append("<li>");
            appendItem(body, item);
            body.Append("</li>");
        }
        body.Append(any ? "</ul>" : "<p class=\"muted\">" + E(emptyText) + "</p>");
    }

    private static void AppendObligations(StringBuilder body, IncidentSummary incident, DateTimeOffset now) =>
        AppendCards(body, "Obligations", "None assessed.", incident.Obligations.OrderBy(o => o.Deadline ?? DateTimeOffset.MaxValue),
            (card, o) => AppendObligation(card, incident, o, now));

    private static void AppendObligation(StringBuilder body, IncidentSummary incident, ObligationSummary o, DateTimeOffset now)
    {
        body.Append("<div class=\"row\"><strong>").Append(E(o.Regime)).Append("</strong><span>to ").Append(E(o.Recipient))
            .Append("</span><span class=\"status\">").Append(E(o.Status.ToString())).Append("</span>");
        if (o.Deadline is { } deadline)
        {
            body.Append("<span>due ").Append(E(Time(deadline))).Append("</span>");
            if (o.Status is ObligationStatus.Pending or ObligationStatus.Late or ObligationStatus.Scheduled)
            {
                AppendCountdown(body, incident, deadline, now);
            }
        }
        else
        {
            body.Append("<span>").Append(E(o.DeadlineKind)).Append("</span>");
        }
        body.Append("</div>");
        if (o.SubmittedAt is { } submitted)
        {
            body.Append("<div class=\"muted\">Submitted ").Append(E(Time(submitted))).Append(o.Reference is null ? "" : ", reference " + E(o.Reference)).Append("</div>");
        }
        if (o.StatusReason is not null)
        {
            body.Append("<div class=\"muted\">").Append(E(o.StatusReason)).Append("</div>");
        }
        if (o.Checkpoints.Count > 0)
        {
            body.Append("<ul class=\"waits\">");
            foreach (var c in o.Checkpoints)
            {
                body.Append("<li>").Append(E(c.Name)).Append(": due ").Append(E(Time(c.DueAt))).Append(", ")
                    .Append(c.FiredAt is { } fired ? "fired " + E(Time(fired)) : "not yet fired")
                    .Append(c.LadderAction is { } action ? " (" + E(WireNames.Of(action)) + ")" : "").Append("</li>");
            }
            body.Append("</ul>");
        }
    }

    private static void AppendContainment(StringBuilder body, IncidentSummary incident) =>
        AppendCards(body, "Containment", "No steps yet.", incident.Containment, AppendStep);

    private static void AppendStep(StringBuilder body, ContainmentSummary step)
    {
        body.Append("<div class=\"row\"><strong>").Append(E(step.Action)).Append("</strong><span class=\"")
            .Append(step.Done ? "ok" : step.Status == ContainmentStatus.Failed ? "late" : "status").Append("\">").Append(E(step.Status.ToString()))
            .Append("</span><span class=\"muted\">").Append(step.Attempts).Append(step.Attempts == 1 ? " attempt" : " attempts").Append("</span>")
            .Append("<span>undo: ").Append(E(step.Undo?.ToString() ?? "not asked")).Append("</span></div>");
        if (step.Detail is not null)
        {
            body.Append("<div class=\"muted\">").Append(E(step.Detail)).Append("</div>");
        }
        if (step.Gate is not null)
        {
            body.Append("<div class=\"muted\">Gate: ").Append(E(step.Gate)).Append("</div>");
        }
    }

    private static void AppendApprovals(StringBuilder body, IncidentSummary incident) =>
        AppendCards(body, "Approvals", "None asked.", incident.Approvals, AppendApproval);

    private static void AppendApproval(StringBuilder body, ApprovalSummary a)
    {
        body.Append("<div class=\"row\"><strong>").Append(E(a.Action)).Append("</strong><span>tier ").Append(a.Tier)
            .Append("</span><span class=\"status\">").Append(E(a.Decision.ToString())).Append("</span><span>by ").Append(E(a.By ?? "nobody"))
            .Append("</span>");
        if (a.LatencySeconds is { } latency)
        {
            body.Append("<span class=\"muted\">after ").Append(E(Duration(TimeSpan.FromSeconds(latency)))).Append("</span>");
        }
        body.Append("</div>");
        if (a.Reason is not null)
        {
            body.Append("<div class=\"muted\">").Append(E(a.Reason)).Append("</div>");
        }
    }

    private static void AppendNotices(StringBuilder body, IncidentSummary incident) =>
        AppendCards(body, "Notices and messages", "None sent.", incident.Notifications.OrderByDescending(n => n.SentAt), (card, n) =>
            card.Append("<div class=\"row\"><strong>").Append(E(n.Template)).Append("</strong><span>").Append(E(n.Channel))
                .Append("</span><span>to ").Append(E(n.To)).Append("</span><span class=\"muted\">").Append(E(Time(n.SentAt))).Append("</span></div>"));

    private static void AppendTimeline(StringBuilder body, IncidentSummary incident, int page, string basePath)
    {
        var newestFirst = incident.Timeline.OrderByDescending(t => t.At).ToList();
        var pages = Math.Max(1, (newestFirst.Count + TimelinePageSize - 1) / TimelinePageSize);
        body.Append("<h2>Timeline</h2><p class=\"muted\">Newest first; ").Append(incident.TimelineCount).Append(" entries in all");
        if (incident.TimelineCount > newestFirst.Count)
        {
            body.Append(", the latest ").Append(newestFirst.Count).Append(" shown here (the evidence export holds every one)");
        }
        body.Append(". Page ").Append(page).Append(" of ").Append(pages).Append(".</p><ul class=\"cards\">");
        foreach (var entry in newestFirst.Skip((page - 1) * TimelinePageSize).Take(TimelinePageSize))
        {
            body.Append("<li><div class=\"row\"><span class=\"muted\">").Append(E(Time(entry.At))).Append("</span><strong>").Append(E(entry.Kind))
                .Append("</strong></div><div>").Append(E(entry.Summary)).Append("</div></li>");
        }
        body.Append("</ul><nav class=\"pager\">");
        var path = IncidentPath(basePath, incident.Id);
        if (page > 1)
        {
            body.Append("<a href=\"").Append(E(path + "?page=" + Math.Min(page - 1, pages).ToString(CultureInfo.InvariantCulture))).Append("\">Newer</a>");
        }
        if (page < pages)
        {
            body.Append("<a href=\"").Append(E(path + "?page=" + (page + 1).ToString(CultureInfo.InvariantCulture))).Append("\">Older</a>");
        }
        body.Append("</nav>");
    }

    private static void AppendSeverity(StringBuilder body, IncidentSummary incident)
    {
        var level = incident.Severity?.Level ?? "unassessed";
        body.Append("<span class=\"sev ").Append(E(level)).Append("\">").Append(E(level)).Append("</span>");
    }

    private static void AppendCountdown(StringBuilder body, IncidentSummary incident, DateTimeOffset deadline, DateTimeOffset now)
    {
        var left = Left(incident, deadline, now);
        var inv = CultureInfo.InvariantCulture;
        body.Append("<span class=\"").Append(left < TimeSpan.Zero ? "cd late" : "cd").Append("\" data-left=\"").Append(Math.Round(left.TotalSeconds).ToString(inv))
            .Append("\" data-scale=\"").Append((incident.Time.Wait?.Rate ?? 1).ToString(inv)).Append("\">")
            .Append(E(DeadlineText.TimeLeft(deadline, IncidentNow(incident, now)))).Append("</span>");
    }

    // In a drill the incident lives through more time than the wall clock shows (its waits are compressed); as the approval
    // page does, its "now" is the incident time the record last told.
    private static DateTimeOffset IncidentNow(IncidentSummary incident, DateTimeOffset now) => incident.Time.Now(now);

    private static TimeSpan Left(IncidentSummary incident, DateTimeOffset deadline, DateTimeOffset now) => deadline - IncidentNow(incident, now);

    private static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 ? string.Format(CultureInfo.InvariantCulture, "{0} h {1} min", (int)span.TotalHours, span.Minutes)
        : span.TotalMinutes >= 1 ? string.Format(CultureInfo.InvariantCulture, "{0} min", (int)span.TotalMinutes)
        : string.Format(CultureInfo.InvariantCulture, "{0} s", (int)span.TotalSeconds);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder body, string name, string? value) =>
        body.Append("<dt>").Append(E(name)).Append("</dt><dd>").Append(E(value ?? "")).Append("</dd>");

    private static string Page(string title, string body) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">" +
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        "<meta name=\"referrer\" content=\"same-origin\">" +
        "<title>" + E(title) + "</title><style>" + Style + "</style></head><body>" + body +
        "<script>" + Script + "</script></body></html>";

    private static string E(string? value) => WebUtility.HtmlEncode(value ?? "");
}
