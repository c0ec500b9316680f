using System.Text.Json.Nodes;
using ServerlessIR.Core.Containment;

namespace ServerlessIR.Core.Evidence;

/// <summary>
/// Builds the human report of an incident from its evidence records (kinds in <see cref="EvidenceKinds"/>).
/// A section appears only when records for it exist.
/// </summary>
public static class EvidenceReportBuilder
{
    public static IReadOnlyList<ReportSection> Build(string incidentId, IReadOnlyList<EvidenceRecord> records, EvidenceVerification verification, EvidenceAnchor? anchor)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(verification);
        var sections = new List<ReportSection> { Overview(incidentId, records, verification, anchor) };
        AddIfAny(sections, Severity(records));
        AddIfAny(sections, Containment(records));
        AddIfAny(sections, Approvals(records));
        AddIfAny(sections, Notices(records));
        AddIfAny(sections, Checkpoints(records));
        sections.Add(Timeline(records));
        return sections;
    }

    /// <summary>The AI system named by the first record that names one.</summary>
    public static string? AiSystem(IEnumerable<EvidenceRecord> records) =>
        records.Select(r => EvidencePayload.Text(r.Payload, "aiSystem")).FirstOrDefault(s => s is not null);

    private static void AddIfAny(List<ReportSection> sections, ReportSection? section)
    {
        if (section is not null)
        {
            sections.Add(section);
        }
    }

    private static ReportSection Overview(string incidentId, IReadOnlyList<EvidenceRecord> records, EvidenceVerification verification, EvidenceAnchor? anchor)
    {
        var rows = new List<IReadOnlyList<string>>
        {
            Row("Incident", incidentId),
            Row("AI system", AiSystem(records) ?? "not recorded"),
            Row("Opened (incident time)", records.Count > 0 ? Time(records[0].IncidentTime) : "-"),
            Row("Status", Status(records)),
            Row("Evidence records", records.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Row("Head hash", verification.HeadHash ?? "-"),
            Row("Integrity", verification.Verified
                ? $"verified: chain intact, {verification.AnchorsChecked} anchor(s) matched"
                : $"NOT verified: sequence {verification.FirstBadSequence}: {verification.Problem}"),
        };
        if (anchor is not null)
        {
            rows.Add(Row("Latest anchor", $"{anchor.RecordCount} records, {anchor.Reason}, {Time(anchor.WallTime)}"));
            rows.Add(Row("Retain until", Time(anchor.RetainUntil)));
        }

        return new ReportSection("Incident", [], ["Field", "Value"], rows);
    }

    /// <summary>The incident's status as the records show it: closed (with its status), contained, containing, or open.</summary>
    private static string Status(IReadOnlyList<EvidenceRecord> records)
    {
        var last = records.LastOrDefault(r => r.Kind is EvidenceKinds.IncidentClosed or EvidenceKinds.IncidentContained or EvidenceKinds.IncidentContainmentIncomplete);
        return last?.Kind switch
        {
            EvidenceKinds.IncidentClosed => EvidencePayload.Text(last.Payload, "status") ?? "Closed",
            EvidenceKinds.IncidentContained => "Contained",
            EvidenceKinds.IncidentContainmentIncomplete => "Containing (a step failed or was held: a person must act)",
            _ => "Open",
        };
    }

    /// <summary>The assessment a record carries: the payload itself, or the whole assessment inside a revision.</summary>
    private static JsonObject? AssessmentOf(EvidenceRecord record) =>
        record.Kind == EvidenceKinds.AssessmentRevised ? EvidencePayload.Object(record.Payload, "assessment") : record.Payload;

    private static ReportSection? Severity(IReadOnlyList<EvidenceRecord> records)
    {
        var assessments = records.Where(r => r.Kind is EvidenceKinds.AssessmentCompleted or EvidenceKinds.AssessmentRevised).ToList();
        if (assessments.Count == 0)
        {
            return null;
        }

        // The latest assessment is the one in force (facts may have been amended).
        var latest = assessments[^1];
        var severity = EvidencePayload.Object(AssessmentOf(latest), "severity");
        var paragraphs = new List<string>
        {
            $"Severity {EvidencePayload.Text(severity, "level") ?? "?"}: ENISA score {EvidencePayload.Text(severity, "enisaScore") ?? "?"} ({EvidencePayload.Text(severity, "enisaLevel") ?? "?"}), assessed {Time(latest.IncidentTime)} by {latest.Actor}.",
            $"Notify supervisory authority: {YesNo(EvidencePayload.Flag(AssessmentOf(latest), "notifySupervisoryAuthority"))}; notify data subjects: {YesNo(EvidencePayload.Flag(AssessmentOf(latest), "notifyDataSubjects"))}.",
        };
        if (assessments.Count > 1)
        {
            paragraphs.Add($"Assessed {assessments.Count} times; the latest assessment is shown.");
        }

        var rows = EvidencePayload.Array(severity, "rationale").Select(n => Row(n?.ToString() ?? string.Empty)).ToList();
        return new ReportSection("Severity rationale", paragraphs, rows.Count > 0 ? ["Reason"] : [], rows);
    }

    private static ReportSection? Containment(IReadOnlyList<EvidenceRecord> records)
    {
        var rows = records
            .Where(r => r.Kind is EvidenceKinds.ContainmentSucceeded or EvidenceKinds.ContainmentFailed)
            .Select(r => Row(
                Time(r.IncidentTime),
                EvidencePayload.Text(r.Payload, "action") ?? r.Summary,
                (r.Kind == EvidenceKinds.ContainmentSucceeded ? ContainmentStatus.Succeeded : ContainmentStatus.Failed).ToString(),
                EvidencePayload.Text(r.Payload, "before") ?? "-",
                EvidencePayload.Text(r.Payload, "after") ?? "-",
                EvidencePayload.Text(r.Payload, "attempts") ?? "1",
                EvidencePayload.Text(r.Payload, "error") ?? string.Empty))
            .ToList();
        return rows.Count == 0 ? null : new ReportSection("Containment", [], ["When", "Action", "Result", "Before", "After", "Attempts", "Error"], rows);
    }

    private static ReportSection? Approvals(IReadOnlyList<EvidenceRecord> records)
    {
        var requested = records.Where(r => r.Kind == EvidenceKinds.ApprovalRequested).ToList();
        var rows = records
            .Where(r => r.Kind == EvidenceKinds.ApprovalDecided)
            .Select(r =>
            {
                var action = EvidencePayload.Text(r.Payload, "action");
                var asked = requested.LastOrDefault(q => q.Sequence < r.Sequence && EvidencePayload.Text(q.Payload, "action") == action);
                return Row(
                    action ?? r.Summary,
                    EvidencePayload.Text(r.Payload, "tier") ?? "-",
                    asked is null ? "-" : Time(asked.IncidentTime),
                    EvidencePayload.Text(r.Payload, "decision") ?? "-",
                    EvidencePayload.Text(r.Payload, "by") ?? r.Actor,
                    Time(r.IncidentTime));
            })
            .ToList();
        return rows.Count == 0 ? null : new ReportSection("Approvals", [], ["Action", "Tier", "Requested", "Decision", "By", "Decided"], rows);
    }

    private static ReportSection? Notices(IReadOnlyList<EvidenceRecord> records)
    {
        var outcomes = records.Where(r => r.Kind is EvidenceKinds.ObligationSubmitted or EvidenceKinds.ObligationLate or EvidenceKinds.ObligationHeld).ToList();
        // The latest assessment wins: amended facts re-assess (assessment.revised carries the whole assessment).
        var assessed = records.LastOrDefault(r => r.Kind is EvidenceKinds.AssessmentCompleted or EvidenceKinds.AssessmentRevised);
        var assessment = assessed is null ? null : AssessmentOf(assessed);
        var obligations = EvidencePayload.Array(assessment, "obligations").OfType<JsonObject>().ToList();
        if (outcomes.Count == 0 && obligations.Count == 0)
        {
            return null;
        }

        var rows = new List<IReadOnlyList<string>>();
        var keys = obligations.Select(o => (EvidencePayload.Text(o, "regime") ?? "?", EvidencePayload.Text(o, "recipient")))
            .Concat(outcomes.Select(r => (EvidencePayload.Text(r.Payload, "regime") ?? "?", EvidencePayload.Text(r.Payload, "recipient"))))
            .DistinctBy(k => k.Item1 + "|" + k.Item2)
            .ToList();
        foreach (var (regime, recipient) in keys)
        {
            var planned = obligations.FirstOrDefault(o => EvidencePayload.Text(o, "regime") == regime && (recipient is null || EvidencePayload.Text(o, "recipient") == recipient));
            var mine = outcomes.Where(r => EvidencePayload.Text(r.Payload, "regime") == regime && (recipient is null || EvidencePayload.Text(r.Payload, "recipient") is null || EvidencePayload.Text(r.Payload, "recipient") == recipient)).ToList();
            var deadline = EvidencePayload.Time(planned, "deadline") ?? mine.Select(r => EvidencePayload.Time(r.Payload, "deadline")).FirstOrDefault(d => d is not null);
            var submitted = mine.LastOrDefault(r => r.Kind == EvidenceKinds.ObligationSubmitted);
            DateTimeOffset? submittedAt = submitted is null ? null : EvidencePayload.Time(submitted.Payload, "submittedAt") ?? submitted.IncidentTime;
            var late = mine.LastOrDefault(r => r.Kind == EvidenceKinds.ObligationLate);
            var held = mine.LastOrDefault(r => r.Kind == EvidenceKinds.ObligationHeld);

            string outcome;
            if (submittedAt is { } at)
            {
                outcome = deadline is { } d ? (at <= d ? "met" : "missed") : "submitted (no fixed deadline)";
            }
            else if (late is not null)
            {
                outcome = "missed";
            }
            else
            {
                outcome = held is not null ? "held" : "not submitted";
            }

            var reasons = new[] { EvidencePayload.Text(late?.Payload, "reason"), held is null ? null : $"held at the request of {EvidencePayload.Text(held.Payload, "requester") ?? "?"}: {EvidencePayload.Text(held.Payload, "reason") ?? "?"}" }
                .Where(s => s is not null);
            rows.Add(Row(
                regime,
                recipient ?? EvidencePayload.Text(planned, "recipient") ?? "-",
                deadline is { } dl ? Time(dl) : EvidencePayload.Text(planned, "deadlineKind") ?? "without undue delay",
                submittedAt is { } s ? Time(s) : "-",
                outcome,
                string.Join("; ", reasons)));
        }

        return new ReportSection("Notices", [], ["Regime", "Recipient", "Deadline", "Submitted", "Deadline met", "Reason for delay"], rows);
    }

    private static ReportSection? Checkpoints(IReadOnlyList<EvidenceRecord> records)
    {
        var rows = records.Where(r => r.Kind == EvidenceKinds.CheckpointFired)
            .Select(r => Row(
                EvidencePayload.Text(r.Payload, "name") ?? r.Summary,
                EvidencePayload.Text(r.Payload, "regime") ?? "-",
                EvidencePayload.Text(r.Payload, "dueAt") ?? "-",
                EvidencePayload.Text(r.Payload, "firedAt") ?? Time(r.IncidentTime)))
            .ToList();
        return rows.Count == 0 ? null : new ReportSection("Checkpoints", [], ["Checkpoint", "Regime", "Due (incident time)", "Fired (incident time)"], rows);
    }

    private static ReportSection Timeline(IReadOnlyList<EvidenceRecord> records) => new(
        "Timeline",
        ["Every evidence record in sequence order. Times are incident time (UTC)."],
        ["#", "Incident time", "Kind", "Actor", "Summary"],
        records.Select(r => Row(r.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), Time(r.IncidentTime), r.Kind, r.Actor, r.Summary)).ToList());

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string YesNo(bool? flag) => flag switch { true => "yes", false => "no", null => "not recorded" };

    private static IReadOnlyList<string> Row(params string[] cells) => cells;
}
