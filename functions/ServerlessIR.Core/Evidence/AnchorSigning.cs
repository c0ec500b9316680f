using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace ServerlessIR.Core.Evidence;

/// <summary>
/// What an anchor signature covers: every member of the anchor but the signature, canonicalized (RFC 8785) and hashed
/// with SHA-256, so an auditor can rebuild the signed bytes with the same JCS used for records (docs/evidence.md).
/// </summary>
public static class AnchorSigning
{
    /// <summary>The object that is canonicalized: <c>headHash</c>, <c>incidentId</c>, <c>reason</c>, <c>recordCount</c>, <c>regimes</c>, <c>retainUntil</c>, <c>wallTime</c>.</summary>
    public static JsonObject ToSignedObject(EvidenceAnchor anchor)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        return new JsonObject
        {
            ["headHash"] = anchor.HeadHash,
            ["incidentId"] = anchor.IncidentId,
            ["reason"] = anchor.Reason,
            ["recordCount"] = anchor.RecordCount,
            ["regimes"] = new JsonArray([.. anchor.Regimes.Select(r => (JsonNode?)JsonValue.Create(r))]),
            ["retainUntil"] = EvidenceHasher.FormatTime(anchor.RetainUntil),
            ["wallTime"] = EvidenceHasher.FormatTime(anchor.WallTime),
        };
    }

    /// <summary>SHA-256 of the canonical UTF-8 of <see cref="ToSignedObject"/>: what a Key Vault <c>sign</c> call receives.</summary>
    public static byte[] Digest(EvidenceAnchor anchor) => SHA256.HashData(JsonCanonicalizer.CanonicalizeToUtf8(ToSignedObject(anchor)));

    /// <summary>
    /// The first anchor whose signature does not verify, as (record count, problem); null when all do. Every anchor must be
    /// signed: an unsigned one is what someone with write access to the anchor table would add.
    /// </summary>
    public static async Task<(long Sequence, string Problem)?> FirstProblemAsync(IEnumerable<EvidenceAnchor> anchors, IAnchorSignatureVerifier verifier,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        ArgumentNullException.ThrowIfNull(verifier);
        foreach (var anchor in anchors.OrderBy(a => a.RecordCount))
        {
            var label = $"anchor '{anchor.Reason}' at record {anchor.RecordCount}";
            var problem = anchor.Signature is null ? "is not signed" : await verifier.ProblemAsync(anchor, cancellationToken);
            if (problem is not null)
            {
                return (anchor.RecordCount, $"signature: {label} {problem} (anchor forged or altered)");
            }
        }

        return null;
    }
}
