using System.Text;

namespace ServerlessIR.Core.Evidence;

/// <summary>Builds breach register rows from evidence and writes them as CSV (RFC 4180).</summary>
public static class BreachRegister
{
    private static readonly string[] Header =
        ["incident", "opened", "status", "aiSystem", "facts", "effects", "remedialAction", "notified", "reasons"];

    /// <summary>
    /// Whether the register asked for holds <paramref name="incidentId"/>: the breach register holds real incidents only, and
    /// the exercise register (<paramref name="exercises"/>) only exercises, so a practised breach is never recorded as one.
    /// </summary>
    public static bool Holds(string incidentId, bool exercises) => Ingestion.ExerciseEvents.IsExercise(incidentId) == exercises;

    /// <summary>Status of an incident whose anchors cover more records than the evidence table still holds.</summary>
    public const string RecordsMissing = "records missing";

    /// <summary>
    /// The row of one incident, cross-checked against its anchors: when the anchors (written once, signed, in the
    /// immutable container) cover more records than are stored, rows were deleted, and the register says so instead of
    /// describing what is left (or, with every row gone, nothing at all).
    /// </summary>
    public static BreachRegisterRow Build(string incidentId, IReadOnlyList<EvidenceRecord> records, IReadOnlyCollection<EvidenceAnchor> anchors)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(anchors);
        var row = Build(incidentId, records);
        var anchored = anchors.Count == 0 ? 0 : anchors.Max(a => a.RecordCount);
        if (anchored <= records.Count)
        {
            return row;
        }

        var latest = anchors.MaxBy(a => a.RecordCount)!;
        var missing = $"{anchored - records.Count} of {anchored} anchored records missing (anchor '{latest.Reason}' of {EvidenceHasher.FormatTime(latest.WallTime)}, head {latest.HeadHash})";
        return row with
        {
            Status = RecordsMissing,
            Reasons = string.IsNullOrEmpty(row.Reasons) ? missing : missing + "; " + row.Reasons,
        };
    }

    public static BreachRegisterRow Build(string incidentId, IReadOnlyList<EvidenceRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var assessment = records.LastOrDefault(r => r.Kind == EvidenceKinds.AssessmentCompleted);
        var severity = EvidencePayload.Object(assessment?.Payload, "severity");
        var facts = EvidencePayload.Object(assessment?.Payload, "facts");
        var closed = records.LastOrDefault(r => r.Kind == EvidenceKinds.IncidentClosed);

        var factText = facts is null
            ? (records.Count > 0 ? records[0].Summary : string.Empty)
            : Join(
                Labelled("data", EvidencePayload.List(facts, "dataCategories")),
                Labelled("subjects", EvidencePayload.Text(facts, "subjectCount")),
                Labelled("jurisdictions", EvidencePayload.List(facts, "jurisdictions")));
        var effects = severity is null
            ? "not assessed"
            : Join(
                $"{EvidencePayload.Text(severity, "level")} (ENISA {EvidencePayload.Text(severity, "enisaScore")}, {EvidencePayload.Text(severity, "enisaLevel")})",
                EvidencePayload.List(severity, "rationale"));
        var remedial = string.Join("; ", records
            .Where(r => r.Kind is EvidenceKinds.ContainmentSucceeded or EvidenceKinds.ContainmentFailed)
            .Select(r => $"{EvidencePayload.Text(r.Payload, "action") ?? r.Summary} {(r.Kind == EvidenceKinds.ContainmentSucceeded ? "succeeded" : "failed")}"));

        var submitted = records.Where(r => r.Kind == EvidenceKinds.ObligationSubmitted)
            .Select(r => $"{EvidencePayload.Text(r.Payload, "regime")} {EvidenceHasher.FormatTime(EvidencePayload.Time(r.Payload, "submittedAt") ?? r.IncidentTime)}")
            .ToList();
        var reasons = new List<string>();
        if (EvidencePayload.Flag(assessment?.Payload, "notifySupervisoryAuthority") == false)
        {
            reasons.Add($"authority notification assessed as not required (severity {EvidencePayload.Text(severity, "level") ?? "?"})");
        }

        reasons.AddRange(records.Where(r => r.Kind == EvidenceKinds.ObligationLate)
            .Select(r => $"{EvidencePayload.Text(r.Payload, "regime")} late: {EvidencePayload.Text(r.Payload, "reason") ?? "no reason recorded"}"));
        reasons.AddRange(records.Where(r => r.Kind == EvidenceKinds.ObligationHeld)
            .Select(r => $"{EvidencePayload.Text(r.Payload, "regime")} held by {EvidencePayload.Text(r.Payload, "requester") ?? "?"}: {EvidencePayload.Text(r.Payload, "reason") ?? "?"}"));
        if (closed is not null && EvidencePayload.Text(closed.Payload, "reason") is { } closeReason)
        {
            reasons.Add($"closed: {closeReason}");
        }

        return new BreachRegisterRow(
            incidentId,
            records.Count > 0 ? records[0].IncidentTime : null,
            closed is null ? "Open" : EvidencePayload.Text(closed.Payload, "status") ?? "Closed",
            EvidenceReportBuilder.AiSystem(records) ?? string.Empty,
            factText,
            effects,
            remedial.Length == 0 ? "none recorded" : remedial,
            submitted.Count == 0 ? "no" : "yes: " + string.Join("; ", submitted),
            string.Join("; ", reasons));
    }

    public static string ToCsv(IEnumerable<BreachRegisterRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder();
        csv.AppendJoin(',', Header).Append("\r\n");
        foreach (var row in rows)
        {
            string[] cells =
            [
                row.Incident, row.Opened is { } o ? EvidenceHasher.FormatTime(o) : string.Empty, row.Status, row.AiSystem,
                row.Facts, row.Effects, row.RemedialAction, row.Notified, row.Reasons,
            ];
            csv.AppendJoin(',', cells.Select(Quote)).Append("\r\n");
        }

        return csv.ToString();
    }

    // Quoted when needed; a leading = + - @ is prefixed with ' so a spreadsheet never runs it as a formula.
    private static string Quote(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    private static string? Labelled(string label, string? value) => value is null ? null : $"{label}: {value}";

    private static string Join(params string?[] parts) => string.Join("; ", parts.Where(p => !string.IsNullOrEmpty(p)));
}
