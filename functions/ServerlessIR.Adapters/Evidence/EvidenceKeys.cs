using System.Globalization;

namespace ServerlessIR.Adapters.Evidence;

/// <summary>Key layout shared by the evidence tables and the anchor container.</summary>
internal static class EvidenceKeys
{
    /// <summary>Ten digits so that string order of RowKeys is sequence order (up to 9,999,999,999 records).</summary>
    public static string RowKey(long sequence) => sequence.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>
    /// Incident IDs become PartitionKeys and blob name prefixes, so characters those forbid
    /// (/ \ # ? and control characters) are refused up front rather than failing half-way.
    /// </summary>
    public static void ValidateIncidentId(string incidentId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(incidentId);
        if (incidentId.Length > 200 || incidentId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException($"Incident ID '{incidentId}' cannot be a storage key (no / \\ # ? or control characters, at most 200 characters).", nameof(incidentId));
        }
    }
}
