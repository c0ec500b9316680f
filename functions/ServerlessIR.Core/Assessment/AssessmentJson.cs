using System.Text;
using System.Text.Json;

namespace ServerlessIR.Core.Assessment;

/// <summary>The output of <c>./ir assess</c>: an assessment in the JSON shape docs/architecture.md fixes.</summary>
public static class AssessmentJson
{
    /// <summary>
    /// The assessment as docs/architecture.md's output JSON: camelCase, instants as ISO 8601 UTC with <c>Z</c>, deadline null for
    /// duties without a fixed period. Each obligation also carries <c>recipientKind</c>, <c>extendedDeadline</c>,
    /// <c>submissionCutoff</c>, <c>verify</c> and <c>notes</c> after the documented fields, so rules marked verify are visible to users.
    /// </summary>
    public static string Render(AssessmentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartObject("severity");
            w.WriteNumber("enisaScore", Math.Round(result.Severity.EnisaScore, 2));
            w.WriteString("enisaLevel", result.Severity.EnisaLevel);
            w.WriteString("level", result.Severity.Level);
            w.WriteStartArray("rationale");
            foreach (var line in result.Severity.Rationale)
            {
                w.WriteStringValue(line);
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteBoolean("notifySupervisoryAuthority", result.NotifySupervisoryAuthority);
            w.WriteBoolean("notifyDataSubjects", result.NotifyDataSubjects);
            w.WriteStartArray("obligations");
            foreach (var o in result.Obligations)
            {
                w.WriteStartObject();
                w.WriteString("regime", o.Regime);
                w.WriteString("recipient", o.Recipient);
                w.WriteString("clockStart", BreachAssessor.Iso(o.ClockStart));
                WriteInstant(w, "deadline", o.Deadline);
                w.WriteString("deadlineKind", o.DeadlineKind);
                w.WriteString("timeZone", o.TimeZone);
                w.WriteString("source", o.Source);
                w.WriteString("recipientKind", o.RecipientKind);
                WriteInstant(w, "extendedDeadline", o.ExtendedDeadline);
                WriteInstant(w, "submissionCutoff", o.SubmissionCutoff);
                w.WriteBoolean("verify", o.Verify);
                w.WriteStartArray("notes");
                foreach (var note in o.Notes)
                {
                    w.WriteStringValue(note);
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteInstant(Utf8JsonWriter w, string name, DateTimeOffset? instant)
    {
        if (instant is { } value)
        {
            w.WriteString(name, BreachAssessor.Iso(value));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
