using System.Text;
using System.Text.Json;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Assessment;

/// <summary>
/// The logic of <c>./ir assess --input FILE [--playbook FILE]</c>: breach facts in, severity and obligations out, in
/// the JSON shape docs/architecture.md fixes. The CLI only parses arguments and calls <see cref="Run"/>.
/// </summary>
public static class AssessCommand
{
    /// <summary>Exit code for a successful assessment.</summary>
    public const int Success = 0;

    /// <summary>Exit code for input (facts or playbook) that cannot be used; the errors go to stderr.</summary>
    public const int InvalidInput = 2;

    /// <summary>Reads the facts (and a playbook, else the default one), assesses, and writes the JSON result to <paramref name="stdout"/>.</summary>
    public static int Run(string inputPath, string? playbookPath, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(inputPath);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!File.Exists(inputPath))
        {
            stderr.WriteLine($"{inputPath}: file not found");
            return InvalidInput;
        }
        BreachFacts facts;
        Playbook playbook;
        try
        {
            facts = BreachFactsReader.Read(File.ReadAllText(inputPath));
            playbook = playbookPath is null ? PlaybookLoader.LoadDefault() : PlaybookLoader.LoadFile(playbookPath);
        }
        catch (InvalidBreachFactsException ex)
        {
            foreach (var error in ex.Errors)
            {
                stderr.WriteLine($"{inputPath}: {error}");
            }
            return InvalidInput;
        }
        catch (PlaybookLoadException ex)
        {
            stderr.WriteLine(ex.Message);
            return InvalidInput;
        }
        var result = new BreachAssessor().Assess(facts, playbook);
        stdout.WriteLine(RenderJson(result));
        return Success;
    }

    /// <summary>
    /// The assessment as docs/architecture.md's output JSON: camelCase, instants as ISO 8601 UTC with <c>Z</c>, deadline null for
    /// duties without a fixed period. Each obligation also carries <c>recipientKind</c>, <c>extendedDeadline</c>,
    /// <c>verify</c> and <c>notes</c> after the documented fields, so rules marked verify are visible to users.
    /// </summary>
    public static string RenderJson(AssessmentResult result)
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
