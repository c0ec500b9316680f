using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessIR.Core.Evidence;

/// <summary>
/// The JSON form of a record as exported (one line of <c>records.jsonl</c>): the hashed object plus <c>hash</c>.
/// </summary>
/// <remarks>An auditor re-checks a line by dropping <c>hash</c>, canonicalizing the rest and hashing it.</remarks>
public static class EvidenceRecordJson
{
    /// <summary>The record as a canonical JSON line (keys sorted, no whitespace).</summary>
    public static string ToLine(EvidenceRecord record)
    {
        var obj = EvidenceHasher.ToHashedObject(record);
        obj["hash"] = record.Hash;
        return JsonCanonicalizer.Canonicalize(obj);
    }

    /// <summary>Reads one exported line back; a malformed line is a <see cref="FormatException"/>.</summary>
    public static EvidenceRecord Parse(string line)
    {
        JsonObject obj;
        try
        {
            obj = JsonNode.Parse(line) as JsonObject ?? throw new FormatException("Record line is not a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Record line is not valid JSON: {ex.Message}", ex);
        }

        try
        {
            return new EvidenceRecord(
                IncidentId: Required(obj, "incidentId"),
                Sequence: obj["sequence"]?.GetValue<long>() ?? throw new FormatException("Record has no sequence."),
                Kind: Required(obj, "kind"),
                Actor: Required(obj, "actor"),
                Summary: Required(obj, "summary"),
                IncidentTime: EvidenceHasher.ParseTime(Required(obj, "incidentTime")),
                WallTime: EvidenceHasher.ParseTime(Required(obj, "wallTime")),
                Payload: obj["payload"] is JsonObject payload ? (JsonObject)payload.DeepClone() : null,
                PreviousHash: Required(obj, "previousHash"),
                Hash: Required(obj, "hash"));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"Record line has a field of the wrong type: {ex.Message}", ex);
        }
    }

    private static string Required(JsonObject obj, string name) =>
        obj[name]?.GetValue<string>() ?? throw new FormatException($"Record has no {name}.");
}
