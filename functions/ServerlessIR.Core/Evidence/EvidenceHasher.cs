using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace ServerlessIR.Core.Evidence;

/// <summary>
/// The one definition of what an evidence hash covers (docs/evidence.md repeats it for auditors).
/// </summary>
/// <remarks>
/// The hashed object is the record's JSON form minus <c>hash</c>: <c>actor</c>, <c>incidentId</c>,
/// <c>incidentTime</c>, <c>kind</c>, <c>payload</c>, <c>previousHash</c>, <c>sequence</c>, <c>summary</c>,
/// <c>wallTime</c>. Its RFC 8785 form, as UTF-8, goes through SHA-256; the hash is <c>sha256:</c> and
/// 64 lowercase hex digits. Wall time is covered so that nobody can later move when a step was
/// recorded; a retried append therefore returns the first stored record instead of recomputing.
/// </remarks>
public static class EvidenceHasher
{
    /// <summary>Prefix naming the algorithm, so a future algorithm can coexist in one export.</summary>
    public const string Prefix = "sha256:";

    /// <summary>Human name of the algorithm, written in manifests.</summary>
    public const string Algorithm = "SHA-256 over RFC 8785 (JCS) canonical JSON of the record without its hash field";

    /// <summary>The previousHash of record 1: the prefix and 64 zeros.</summary>
    public static readonly string GenesisHash = Prefix + new string('0', 64);

    /// <summary>Times are always UTC with all seven fractional digits, so text and value round-trip exactly.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>The JSON object whose canonical form is hashed: every field of the record except <c>hash</c>.</summary>
    public static JsonObject ToHashedObject(EvidenceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new JsonObject
        {
            ["actor"] = record.Actor,
            ["incidentId"] = record.IncidentId,
            ["incidentTime"] = FormatTime(record.IncidentTime),
            ["kind"] = record.Kind,
            ["payload"] = record.Payload?.DeepClone(),
            ["previousHash"] = record.PreviousHash,
            ["sequence"] = record.Sequence,
            ["summary"] = record.Summary,
            ["wallTime"] = FormatTime(record.WallTime),
        };
    }

    /// <summary>Computes the hash of <paramref name="record"/> (its own <c>Hash</c> is ignored).</summary>
    public static string ComputeHash(EvidenceRecord record) => HashCanonical(ToHashedObject(record));

    /// <summary>Returns the record with its hash computed.</summary>
    public static EvidenceRecord Seal(EvidenceRecord record) => record with { Hash = ComputeHash(record) };

    /// <summary><c>sha256:</c> + lowercase hex of SHA-256 over the canonical UTF-8 form of <paramref name="node"/>.</summary>
    public static string HashCanonical(JsonNode? node) =>
        Prefix + Convert.ToHexStringLower(SHA256.HashData(JsonCanonicalizer.CanonicalizeToUtf8(node)));
}
