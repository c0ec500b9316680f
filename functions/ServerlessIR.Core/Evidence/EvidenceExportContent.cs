using System.Text;
using System.Text.Json;

namespace ServerlessIR.Core.Evidence;

/// <summary>
/// The four files of an evidence export (<c>records.jsonl</c>, <c>manifest.json</c>, <c>report.md</c>, <c>report.html</c>)
/// as text, and the offline check of such files. Writing them to a folder is the command line's part.
/// </summary>
/// <remarks>
/// The offline check trusts nothing but the files: it recomputes every hash from <c>records.jsonl</c>
/// and compares the head with the anchor written in the manifest. The manifest can be forged along
/// with the records, so it also names the immutable anchor blob the head should be compared with.
/// </remarks>
/// <param name="Manifest">What <c>manifest.json</c> holds.</param>
/// <param name="Files">Each file's name and content, in the order they are written.</param>
public sealed record EvidenceExportContent(EvidenceManifest Manifest, IReadOnlyList<KeyValuePair<string, string>> Files)
{
    public const string RecordsFile = "records.jsonl";
    public const string ManifestFile = "manifest.json";
    public const string MarkdownReportFile = "report.md";
    public const string HtmlReportFile = "report.html";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Verification instructions written into every manifest.</summary>
    public const string HowToVerify =
        "Each line of records.jsonl is one record. For each line in order: remove the \"hash\" member, serialize the rest "
        + "with the JSON Canonicalization Scheme (RFC 8785), take SHA-256 of its UTF-8 bytes, and check that \"sha256:\" plus the "
        + "lowercase hex digest equals \"hash\". Check that sequences run 1, 2, 3... without gaps, that record 1's previousHash is the "
        + "genesis hash and every other record's previousHash equals the previous record's hash. Finally check that the hash of "
        + "record anchor.recordCount equals anchor.headHash, and compare that head with the write-once anchor blob "
        + "evidence/anchors/{incident}/{recordCount as 10 digits}.json held in immutable storage. "
        + "Or run: ir evidence verify --export <this folder>.";

    /// <summary>The export of <paramref name="records"/>, verified against <paramref name="anchors"/> as it is built.</summary>
    public static EvidenceExportContent Build(
        string incidentId,
        IReadOnlyList<EvidenceRecord> records,
        IReadOnlyList<EvidenceAnchor> anchors,
        DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(anchors);

        var verification = EvidenceVerifier.Verify(incidentId, records, anchors);
        var latest = anchors.OrderBy(a => a.RecordCount).LastOrDefault();
        var manifest = new EvidenceManifest(
            incidentId, records.Count, verification.HeadHash, latest, EvidenceHasher.Algorithm, EvidenceHasher.GenesisHash,
            HowToVerify, verification.Verified, verification.Problem, generatedAt, Ingestion.ExerciseEvents.IsExercise(incidentId));

        var lines = new StringBuilder();
        foreach (var record in records)
        {
            lines.Append(EvidenceRecordJson.ToLine(record)).Append('\n');
        }

        var sections = EvidenceReportBuilder.Build(incidentId, records, verification, latest);
        var title = (manifest.Exercise ? Notifications.ExerciseMarking.SubjectPrefix : "") + $"Evidence report: incident {incidentId}";
        var footer = $"Generated {EvidenceHasher.FormatTime(generatedAt)} from {records.Count} evidence records; head {verification.HeadHash ?? "-"}. "
            + "Verify with records.jsonl and manifest.json (see manifest.howToVerify).";
        return new EvidenceExportContent(manifest,
        [
            new(RecordsFile, lines.ToString()),
            new(ManifestFile, JsonSerializer.Serialize(manifest, Json)),
            new(MarkdownReportFile, EvidenceReportRenderer.ToMarkdown(title, sections, footer)),
            new(HtmlReportFile, EvidenceReportRenderer.ToHtml(title, sections, footer)),
        ]);
    }

    /// <summary>Reads the text of <c>manifest.json</c>.</summary>
    public static EvidenceManifest ParseManifest(string json) =>
        JsonSerializer.Deserialize<EvidenceManifest>(json, Json) ?? throw new InvalidDataException("manifest.json is empty.");

    /// <summary>Re-checks the lines of <c>records.jsonl</c> against the manifest; a line that is not a well-formed record fails at its position.</summary>
    public static EvidenceVerification Verify(EvidenceManifest manifest, IEnumerable<string> recordLines)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(recordLines);
        var records = new List<EvidenceRecord>();
        foreach (var line in recordLines.Where(l => l.Length > 0))
        {
            try
            {
                records.Add(EvidenceRecordJson.Parse(line));
            }
            catch (FormatException ex)
            {
                long position = records.Count + 1;
                return new EvidenceVerification(false, records.Count, records.LastOrDefault()?.Hash, position, $"line {position} of records.jsonl is not a valid record: {ex.Message}", 0);
            }
        }

        var anchors = manifest.Anchor is null ? [] : new[] { manifest.Anchor };
        return EvidenceVerifier.Verify(manifest.Incident, records, anchors);
    }
}
