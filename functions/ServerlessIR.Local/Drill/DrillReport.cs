using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Drill;

/// <summary>What a drill shows: each incident as it ended, its evidence verified, and a scorecard (shape in docs/architecture.md).</summary>
public sealed record DrillReport(string Scenario, double TimeScale, double WallSeconds, IReadOnlyList<DrillReport.Incident> Incidents, JsonObject StandIns)
{
    /// <summary>Which host ran the drill: <c>local</c> or <c>functions</c> (the Functions app's own classes).</summary>
    public string Host { get; init; } = HostName(PipelineHost.Local);

    public static string HostName(PipelineHost host) => host.ToString().ToLowerInvariant();

    /// <summary>Under the functions host, how often each <c>[Function]</c> ran; null under the local host.</summary>
    public IReadOnlyDictionary<string, int>? FunctionInvocations { get; init; }

    /// <summary>What the webhook answered for the alerts the drill posted; null when not counted.</summary>
    public DrillAlertTally? Alerts { get; init; }

    /// <summary>The checkout traffic the scenario ran against the AI features while the drill ran; null when it ran none.</summary>
    public CheckoutTrafficResult? CheckoutTraffic { get; init; }

    /// <summary>The scenario's pass criteria as measured on this report (<see cref="CriteriaEvaluator"/>).</summary>
    public IReadOnlyList<CriterionResult> Criteria { get; init; } = [];

    /// <summary>Every criterion passed.</summary>
    public bool Passed => Criteria.All(c => c.Passed);

    public sealed record Incident(IncidentSummary Summary, EvidenceVerification Evidence)
    {
        public bool Verified => Evidence.Verified;
    }

    public static async Task<DrillReport> BuildAsync(string scenario, double timeScale, double wallSeconds, IReadOnlyList<IncidentSummary> summaries,
        LocalPipeline pipeline, IReadOnlyList<DrillPersonAction>? people = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(pipeline);
        var ledger = pipeline.Services.GetRequiredService<IEvidenceLedger>();
        var anchors = pipeline.Services.GetService<IEvidenceAnchorStore>();
        var incidents = new List<Incident>();
        foreach (var summary in summaries)
        {
            var records = await ledger.ReadAsync(summary.Id, cancellationToken);
            var anchored = anchors is null ? [] : await anchors.ReadAsync(summary.Id, cancellationToken);
            incidents.Add(new Incident(summary, EvidenceVerifier.Verify(summary.Id, records, anchored)));
        }
        var standIns = new JsonObject();
        if (pipeline.Salesforce is { } sf)
        {
            standIns["salesforce"] = new JsonObject
            {
                ["calls"] = sf.Calls.Count,
                ["failedCalls"] = sf.Calls.Count(c => c.Status >= 500 || c.Status == 403),
                ["effects"] = new JsonArray([.. sf.Effects.Select(e => (JsonNode)$"{e.Kind} {e.Target}")]),
            };
        }
        if (pipeline.Graph is { } graph)
        {
            // Everything that would have reached a person: e-mails and activity-feed notifications through Graph, cards
            // through the Teams webhook, hand-offs to the bulk channel. Bodies stay out: they carry one-time links.
            var messages = graph.Messages;
            standIns["graph"] = new JsonObject
            {
                ["mail"] = messages.Count(m => m.Kind == "mail"),
                ["activityFeed"] = messages.Count(m => m.Kind == "activity"),
                ["teamsCards"] = messages.Count(m => m.Kind == "teams-webhook"),
                ["bulkHandOffs"] = messages.Count(m => m.Kind == "bulk"),
                ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject
                {
                    ["kind"] = m.Kind,
                    ["to"] = string.Join(", ", m.To),
                    ["subject"] = m.Subject,
                    ["receivedAt"] = m.ReceivedAt,
                })]),
            };
        }
        if (people is not null)
        {
            standIns["drillPeople"] = JsonSerializer.SerializeToNode(people, ServerlessIR.Adapters.Http.Json.Options);
        }
        return new DrillReport(scenario, timeScale, Math.Round(wallSeconds, 1), incidents, standIns) 
        {
            Host = HostName(pipeline.Host),
            FunctionInvocations = pipeline.FunctionsDispatcher?.Invocations.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
        };
    }

    public JsonObject ToJson()
    {
        var incidents = new JsonArray();
        foreach (var incident in Incidents)
        {
            var node = JsonSerializer.SerializeToNode(incident.Summary, ServerlessIR.Adapters.Http.Json.Options)!.AsObject();
            node.Remove("evidenceRecords");
            node.Remove("evidenceHead");
            node["evidence"] = new JsonObject
            {
                ["records"] = incident.Evidence.Records,
                ["headHash"] = incident.Evidence.HeadHash,
                ["verified"] = incident.Evidence.Verified,
                ["problem"] = incident.Evidence.Problem,
            };
            incidents.Add(node);
        }
        var (met, missed, scheduled) = Deadlines();
        var json = new JsonObject
        {
            ["scenario"] = Scenario,
            ["host"] = Host,
            ["timeScale"] = TimeScale,
            ["wallSeconds"] = WallSeconds,
            ["incidents"] = incidents,
            ["scorecard"] = new JsonObject
            {
                ["timeToContainSeconds"] = TimeToContainSeconds(),
                ["firstContainmentIncidentSeconds"] = Seconds(FirstContainment()),
                ["timeToContainIncidentSeconds"] = Seconds(TimeToContainIncident()),
                ["deadlinesMet"] = met,
                ["deadlinesMissed"] = missed,
                ["deadlinesScheduled"] = scheduled,
                ["evidenceVerified"] = Incidents.All(i => i.Verified),
            },
            ["passed"] = Passed,
            ["criteria"] = JsonSerializer.SerializeToNode(Criteria, ServerlessIR.Adapters.Http.Json.Options),
            ["standIns"] = StandIns.DeepClone(),
        };
        if (Alerts is not null)
        {
            json["alerts"] = JsonSerializer.SerializeToNode(Alerts, ServerlessIR.Adapters.Http.Json.Options);
        }
        if (CheckoutTraffic is not null)
        {
            json["checkoutTraffic"] = JsonSerializer.SerializeToNode(CheckoutTraffic, ServerlessIR.Adapters.Http.Json.Options);
        }
        if (FunctionInvocations is not null)
        {
            json["functionInvocations"] = new JsonObject(FunctionInvocations.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        }
        return json;
    }

    /// <summary>Real seconds from the first signal to containment, worst incident; null if one was not contained.
    /// Real, not incident, seconds: a drill compresses waits, not the work itself.</summary>
    public double? TimeToContainSeconds() =>
        Incidents.All(i => i.Summary.TimeToContainRealSeconds is not null) ? Incidents.Max(i => i.Summary.TimeToContainRealSeconds) : null;

    /// <summary>Incident time from the first signal to the first containment step done, worst incident; null if one had none.</summary>
    public TimeSpan? FirstContainment()
    {
        var firsts = Incidents.Select(i => i.Summary.Timeline.FirstOrDefault(e => e.Kind == EvidenceKinds.ContainmentSucceeded) is { } e ? e.At - i.Summary.OpenedAt : (TimeSpan?)null).ToList();
        return firsts.Count > 0 && firsts.All(f => f is not null) ? firsts.Max() : null;
    }

    /// <summary>Incident time from the first signal to containment, worst incident; null if one was not contained.</summary>
    public TimeSpan? TimeToContainIncident() =>
        Incidents.Count > 0 && Incidents.All(i => i.Summary.ContainedAt is not null) ? Incidents.Max(i => i.Summary.ContainedAt!.Value - i.Summary.OpenedAt) : null;

    private static double? Seconds(TimeSpan? span) => span is { } s ? Math.Round(s.TotalSeconds, 1) : null;

    /// <summary>An incident-time span as a reader takes it in: <c>4 min 12 s</c>, <c>24 h 0 min</c>.</summary>
    public static string Span(TimeSpan span) =>
        span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min")
        : span.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s");

    /// <summary>Incident time since the incident opened, as <c>T+h:mm:ss</c>.</summary>
    public static string Offset(IncidentSummary s, DateTimeOffset? t)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (t is null)
        {
            return "—";
        }
        var span = t.Value - s.OpenedAt;
        var sign = span < TimeSpan.Zero ? "-" : "+";
        span = span.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"T{sign}{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}");
    }

    /// <summary>Real seconds since the incident opened, beside incident time in a drill's timeline.</summary>
    private static string RealOffset(IncidentSummary s, TimelineEntry e) =>
        e.RealAt is { } real ? string.Create(CultureInfo.InvariantCulture, $"+{(real - s.OpenedAt).TotalSeconds:0.0} s") : "";

    private (int Met, int Missed, int Scheduled) Deadlines()
    {
        var obligations = Incidents.SelectMany(i => i.Summary.Obligations).Where(o => o.Deadline is not null).ToList();
        return (obligations.Count(o => o.Status == ObligationStatus.Submitted),
                obligations.Count(o => o.Status == ObligationStatus.Late),
                obligations.Count(o => o.Status is ObligationStatus.Scheduled or ObligationStatus.Pending));
    }

    public IEnumerable<string> ScorecardLines()
    {
        var (met, missed, scheduled) = Deadlines();
        foreach (var i in Incidents)
        {
            yield return $"{i.Summary.Id}: {i.Summary.Status}, {i.Summary.Severity?.Level}, {i.Summary.Signals} signal(s), " +
                         $"{i.Summary.Containment.Count(c => c.Done)}/{i.Summary.Containment.Count} containment step(s) done, " +
                         $"evidence {(i.Verified ? "verified" : "NOT VERIFIED: " + i.Evidence.Problem)} ({i.Evidence.Records} records)";
        }
        yield return $"first containment at {(FirstContainment() is { } first ? Span(first) : "none")}, contained at {(TimeToContainIncident() is { } contained ? Span(contained) : "not contained")} (incident time)";
        yield return $"time to contain: {TimeToContainSeconds()?.ToString("0.#", CultureInfo.InvariantCulture) ?? "not contained"} s (real time); deadlines met {met}, missed {missed}, scheduled beyond horizon or pending {scheduled}";
    }

    public async Task WriteAsync(string directory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.json"), ToJson().ToJsonString(ServerlessIR.Adapters.Http.Json.Options), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.md"), Markdown(), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.html"), Html(), cancellationToken);
    }

    private static string T(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "—";

    public string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Drill report: {Scenario}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Host {Host}, time scale {TimeScale:0.##}x, wall time {WallSeconds:0.#} s. Times are incident time: real speed while the pipeline works, the time scale only while the incident waits (timers, people).");
        md.AppendLine();
        foreach (var line in ScorecardLines()) md.AppendLine("- " + line);
        if (Criteria.Count > 0)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"## Pass criteria: {(Passed ? "PASSED" : "FAILED")}");
            md.AppendLine();
            md.AppendLine("| Criterion | Expected | Measured | Result |");
            md.AppendLine("|---|---|---|---|");
            foreach (var c in Criteria)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| `{c.Name}` | {c.Expected} | {c.Measured.Replace("|", "\\|", StringComparison.Ordinal)} | {(c.Passed ? "pass" : "**FAIL**")} |");
            }
        }
        if (StandIns["drillPeople"] is JsonArray people && people.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## People in the loop (the drill's approvers and DPO, through the real pages)");
            md.AppendLine();
            md.AppendLine("| Kind | Request | Decision | By | GET | POST | At (s) |");
            md.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var p in people)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {p?["kind"]} | {p?["subject"]} | {p?["decision"]} | {p?["by"]} | {p?["getStatus"]} | {p?["postStatus"]} | {(double?)p?["atWallSeconds"]:0.0} |");
            }
        }
        if (StandIns["graph"] is JsonObject graph)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture,
                $"Stand-ins received {graph["mail"]} e-mail(s), {graph["activityFeed"]} activity-feed notification(s), {graph["teamsCards"]} Teams card(s) and {graph["bulkHandOffs"]} bulk hand-off(s) (listed in report.json).");
        }
        foreach (var incident in Incidents)
        {
            var s = incident.Summary;
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"## {s.Id}: {s.Status}");
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"- AI system: {s.AiSystemName} (`{s.AiSystem}`)");
            md.AppendLine(CultureInfo.InvariantCulture, $"- Severity: {s.Severity?.Level} (ENISA {s.Severity?.EnisaScore:0.##}, {s.Severity?.EnisaLevel})");
            md.AppendLine(CultureInfo.InvariantCulture, $"- Opened: {T(s.OpenedAt)}; contained: {T(s.ContainedAt)}; signals: {s.Signals}");
            md.AppendLine(CultureInfo.InvariantCulture, $"- Evidence: {incident.Evidence.Records} records, head `{incident.Evidence.HeadHash}`, {(incident.Verified ? "verified" : "NOT verified: " + incident.Evidence.Problem)}");
            md.AppendLine();
            md.AppendLine("### Containment");
            md.AppendLine();
            md.AppendLine("| Action | Status | Attempts | Detail |");
            md.AppendLine("|---|---|---|---|");
            foreach (var c in s.Containment) md.AppendLine(CultureInfo.InvariantCulture, $"| `{c.Action}` | {c.Status} | {c.Attempts} | {c.Detail} |");
            if (s.Approvals.Count > 0)
            {
                md.AppendLine();
                md.AppendLine("### Approvals");
                md.AppendLine();
                md.AppendLine("| Action | Tier | Decision | By | Latency (incident time) |");
                md.AppendLine("|---|---|---|---|---|");
                foreach (var a in s.Approvals) md.AppendLine(CultureInfo.InvariantCulture, $"| `{a.Action}` | {a.Tier} | {a.Decision} | {a.By} | {Latency(a)} |");
            }
            md.AppendLine();
            md.AppendLine("### Obligations and checkpoints");
            md.AppendLine();
            md.AppendLine("| Regime | Recipient | Deadline | Status | Checkpoints (due → fired) |");
            md.AppendLine("|---|---|---|---|---|");
            foreach (var o in s.Obligations)
            {
                var cps = string.Join("; ", o.Checkpoints.Select(c => $"{c.Name}: {Offset(s, c.DueAt)} → {(c.FiredAt is null ? "not fired" : Offset(s, c.FiredAt))}"));
                md.AppendLine(CultureInfo.InvariantCulture, $"| `{o.Regime}` | {o.Recipient} | {(o.Deadline is null ? o.DeadlineKind : T(o.Deadline))} | {o.Status} | {cps} |");
            }
            md.AppendLine();
            md.AppendLine("### Tasks");
            md.AppendLine();
            md.AppendLine("| Task | Owner | Due | Status | By | Reason |");
            md.AppendLine("|---|---|---|---|---|---|");
            foreach (var t in s.Tasks) md.AppendLine(CultureInfo.InvariantCulture, $"| {t.Title} | {t.Owner} | {Offset(s, t.Due)} | {t.Status} | {t.ResolvedBy} | {t.Reason} |");
            if (s.Review is { } review)
            {
                md.AppendLine();
                md.AppendLine("### Post-incident review");
                md.AppendLine();
                md.AppendLine(CultureInfo.InvariantCulture, $"- Reviewed by {review.ReviewedBy}{(review.Approval is { } two ? ", seconded by " + two.ApprovedBy : "")}");
                md.AppendLine("- Root cause: " + review.RootCause);
                md.AppendLine("- Control changes: " + review.ControlChanges);
                foreach (var e in review.RiskRegister) md.AppendLine(CultureInfo.InvariantCulture, $"- Risk register `{e.AiSystem}`: {e.Entry}");
            }
            md.AppendLine();
            md.AppendLine("### Notifications");
            md.AppendLine();
            md.AppendLine("| Channel | Template | To | Sent |");
            md.AppendLine("|---|---|---|---|");
            foreach (var n in s.Notifications) md.AppendLine(CultureInfo.InvariantCulture, $"| {n.Channel} | {n.Template} | {n.To} | {Offset(s, n.SentAt)} |");
            md.AppendLine();
            md.AppendLine("### Timeline");
            md.AppendLine();
            md.AppendLine("| Incident time | Real time | Kind | Summary |");
            md.AppendLine("|---|---|---|---|");
            foreach (var e in s.Timeline) md.AppendLine(CultureInfo.InvariantCulture, $"| {Offset(s, e.At)} | {RealOffset(s, e)} | `{e.Kind}` | {e.Summary.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }
        return md.ToString();
    }

    public string Html()
    {
        static string E(object? v) => WebUtility.HtmlEncode(v?.ToString() ?? "");
        var h = new StringBuilder();
        h.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
        h.Append(CultureInfo.InvariantCulture, $"<title>Drill report: {E(Scenario)}</title><style>");
        h.Append("body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1b1f24}");
        h.Append("table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top;font-size:.92rem}");
        h.Append("th{background:#f6f8fa}.ok{color:#1a7f37;font-weight:600}.bad{color:#cf222e;font-weight:600}.muted{color:#57606a}");
        h.Append(".card{border:1px solid #d0d7de;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}.kpi{display:inline-block;margin-right:2rem}.kpi b{font-size:1.6rem;display:block}");
        h.Append(".lane{position:relative;height:26px;background:#f6f8fa;border-radius:4px;margin:2px 0}.dot{position:absolute;top:5px;width:14px;height:14px;border-radius:50%;transform:translateX(-7px)}");
        h.Append(".fired{background:#1a7f37}.pending{background:#d0d7de;border:2px solid #57606a}.deadline{position:absolute;top:0;bottom:0;width:3px;background:#cf222e}");
        h.Append(".lanelabel{font-size:.8rem;color:#57606a}code{font-size:.85rem}</style></head><body>");
        h.Append(CultureInfo.InvariantCulture, $"<h1>Drill report: {E(Scenario)}</h1><p class=\"muted\">Host {E(Host)}, time scale {TimeScale:0.##}x, wall time {WallSeconds:0.#} s. Times are incident time: real speed while the pipeline works, the time scale only while the incident waits (timers, people).</p>");
        var (met, missed, scheduled) = Deadlines();
        h.Append("<div class=\"card\">");
        h.Append(CultureInfo.InvariantCulture, $"<span class=\"kpi\"><b>{Incidents.Count}</b>incident(s)</span>");
        h.Append(CultureInfo.InvariantCulture, $"<span class=\"kpi\"><b>{E(TimeToContainSeconds()?.ToString("0.#", CultureInfo.InvariantCulture) ?? "—")} s</b>time to contain</span>");
        h.Append(CultureInfo.InvariantCulture, $"<span class=\"kpi\"><b>{met}</b>deadlines met</span><span class=\"kpi\"><b class=\"{(missed > 0 ? "bad" : "")}\">{missed}</b>missed</span><span class=\"kpi\"><b>{scheduled}</b>pending or scheduled</span>");
        h.Append("</div>");
        if (Criteria.Count > 0)
        {
            h.Append(CultureInfo.InvariantCulture, $"<h2>Pass criteria: <span class=\"{(Passed ? "ok" : "bad")}\">{(Passed ? "passed" : "FAILED")}</span></h2>");
            h.Append("<table><tr><th>Criterion</th><th>Expected</th><th>Measured</th><th>Result</th></tr>");
            foreach (var c in Criteria)
            {
                h.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{E(c.Name)}</code></td><td>{E(c.Expected)}</td><td>{E(c.Measured)}</td><td class=\"{(c.Passed ? "ok" : "bad")}\">{(c.Passed ? "pass" : "FAIL")}</td></tr>");
            }
            h.Append("</table>");
        }
        foreach (var incident in Incidents)
        {
            var s = incident.Summary;
            h.Append(CultureInfo.InvariantCulture, $"<h2>{E(s.Id)} <span class=\"{(s.Status is IncidentStatus.Contained or IncidentStatus.Closed ? "ok" : "bad")}\">{E(s.Status)}</span></h2>");
            h.Append(CultureInfo.InvariantCulture, $"<p>{E(s.AiSystemName)} (<code>{E(s.AiSystem)}</code>) · {E(s.Severity?.Level)} (ENISA {s.Severity?.EnisaScore:0.##}, {E(s.Severity?.EnisaLevel)}) · {s.Signals} signal(s) · data: {E(string.Join(", ", s.DataCategories))}</p>");
            h.Append(CultureInfo.InvariantCulture, $"<p>Evidence: {incident.Evidence.Records} records, head <code>{E(incident.Evidence.HeadHash)}</code> <span class=\"{(incident.Verified ? "ok" : "bad")}\">{(incident.Verified ? "verified" : "NOT verified: " + E(incident.Evidence.Problem))}</span></p>");
            h.Append("<h3>Clocks</h3>");
            var horizon = Math.Max(96, s.Obligations.SelectMany(o => o.Checkpoints).Select(c => (c.DueAt - s.OpenedAt).TotalHours).DefaultIfEmpty(0).Max());
            foreach (var o in s.Obligations)
            {
                h.Append(CultureInfo.InvariantCulture, $"<div class=\"lanelabel\"><code>{E(o.Regime)}</code> → {E(o.Recipient)} · {E(o.Deadline is null ? o.DeadlineKind : T(o.Deadline))} · {E(o.Status)}</div><div class=\"lane\">");
                if (o.Deadline is { } d && (d - s.OpenedAt).TotalHours <= horizon)
                {
                    h.Append(CultureInfo.InvariantCulture, $"<span class=\"deadline\" style=\"left:{Pct((d - s.OpenedAt).TotalHours, horizon)}%\" title=\"deadline\"></span>");
                }
                foreach (var c in o.Checkpoints.Where(c => (c.DueAt - s.OpenedAt).TotalHours <= horizon))
                {
                    var at = ((c.FiredAt ?? c.DueAt) - s.OpenedAt).TotalHours;
                    h.Append(CultureInfo.InvariantCulture, $"<span class=\"dot {(c.FiredAt is null ? "pending" : "fired")}\" style=\"left:{Pct(at, horizon)}%\" title=\"{E(c.Name)}: due {E(Offset(s, c.DueAt))}, fired {E(Offset(s, c.FiredAt))}\"></span>");
                }
                h.Append("</div>");
            }
            h.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Scale: 0 to {horizon:0} incident hours. Green: checkpoint fired; grey: not yet; red line: deadline.</p>");
            h.Append("<h3>Containment</h3><table><tr><th>Action</th><th>Status</th><th>Attempts</th><th>Detail</th></tr>");
            foreach (var c in s.Containment) h.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{E(c.Action)}</code></td><td class=\"{(c.Done ? "ok" : "bad")}\">{E(c.Status)}</td><td>{c.Attempts}</td><td>{E(c.Detail)}</td></tr>");
            h.Append("</table>");
            if (s.Approvals.Count > 0)
            {
                h.Append("<h3>Approvals</h3><table><tr><th>Action</th><th>Tier</th><th>Decision</th><th>By</th><th>Latency</th></tr>");
                foreach (var a in s.Approvals) h.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{E(a.Action)}</code></td><td>{a.Tier}</td><td>{E(a.Decision)}</td><td>{E(a.By)}</td><td>{E(Latency(a))}</td></tr>");
                h.Append("</table>");
            }
            h.Append("<h3>Obligations</h3><table><tr><th>Regime</th><th>Recipient</th><th>Deadline</th><th>Status</th><th>Checkpoints</th></tr>");
            foreach (var o in s.Obligations)
            {
                h.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{E(o.Regime)}</code></td><td>{E(o.Recipient)}</td><td>{E(o.Deadline is null ? o.DeadlineKind : T(o.Deadline))}</td><td>{E(o.Status)}</td><td>");
                h.Append(string.Join("<br>", o.Checkpoints.Select(c => $"{E(c.Name)}: due {E(Offset(s, c.DueAt))}, {(c.FiredAt is null ? "not fired" : "fired " + E(Offset(s, c.FiredAt)))}")));
                h.Append("</td></tr>");
            }
            h.Append("</table><h3>Tasks</h3><table><tr><th>Task</th><th>Owner</th><th>Due</th><th>Status</th><th>Reason</th></tr>");
            foreach (var t in s.Tasks) h.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(t.Title)}</td><td>{E(t.Owner)}</td><td>{E(Offset(s, t.Due))}</td><td>{E(t.Status.ToString())}</td><td>{E(t.Reason)}</td></tr>");
            if (s.Review is { } review)
            {
                h.Append(CultureInfo.InvariantCulture, $"</table><h3>Post-incident review</h3><table><tr><th>Reviewed by</th><td>{E(review.ReviewedBy)}{(review.Approval is { } two ? ", seconded by " + E(two.ApprovedBy) : "")}</td></tr>");
                h.Append(CultureInfo.InvariantCulture, $"<tr><th>Root cause</th><td>{E(review.RootCause)}</td></tr><tr><th>Control changes</th><td>{E(review.ControlChanges)}</td></tr>");
                foreach (var e in review.RiskRegister) h.Append(CultureInfo.InvariantCulture, $"<tr><th>Risk register <code>{E(e.AiSystem)}</code></th><td>{E(e.Entry)}</td></tr>");
            }
            h.Append("</table><h3>Notifications</h3><table><tr><th>Channel</th><th>Template</th><th>To</th><th>Sent</th></tr>");
            foreach (var n in s.Notifications) h.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(n.Channel)}</td><td>{E(n.Template)}</td><td>{E(n.To)}</td><td>{E(Offset(s, n.SentAt))}</td></tr>");
            h.Append("</table><h3>Timeline</h3><table><tr><th>Incident time</th><th>Real time</th><th>Kind</th><th>Summary</th></tr>");
            foreach (var e in s.Timeline) h.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(Offset(s, e.At))}</td><td>{E(RealOffset(s, e))}</td><td><code>{E(e.Kind)}</code></td><td>{E(e.Summary)}</td></tr>");
            h.Append("</table>");
        }
        h.Append("</body></html>");
        return h.ToString();
    }

    private static string Latency(ApprovalSummary a) => a.LatencySeconds is { } seconds ? Span(TimeSpan.FromSeconds(seconds)) : "—";

    private static string Pct(double hours, double horizon) =>
        Math.Clamp(hours / horizon * 100, 0, 100).ToString("0.##", CultureInfo.InvariantCulture);
}
