using System.Text.Json.Nodes;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Tests.Evidence;

/// <summary>Builds correctly chained in-memory records, the way the ledger does.</summary>
internal static class TestChain
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    public static List<EvidenceRecord> Build(string incidentId, int count) =>
        Build(incidentId, Enumerable.Range(1, count).Select(i => new EvidenceEntry("step.done", "system", $"step {i}", Start.AddMinutes(i), new JsonObject { ["i"] = i })));

    public static List<EvidenceRecord> Build(string incidentId, IEnumerable<EvidenceEntry> entries)
    {
        var records = new List<EvidenceRecord>();
        var previous = EvidenceHasher.GenesisHash;
        long sequence = 0;
        foreach (var entry in entries)
        {
            sequence++;
            var record = EvidenceHasher.Seal(new EvidenceRecord(
                incidentId, sequence, entry.Kind, entry.Actor, entry.Summary, entry.IncidentTime,
                Start.AddHours(1).AddSeconds(sequence), entry.Payload, previous, string.Empty));
            records.Add(record);
            previous = record.Hash;
        }

        return records;
    }

    public static EvidenceAnchor Anchor(IReadOnlyList<EvidenceRecord> records, string reason = "closed") =>
        new(records[0].IncidentId, records.Count, records[^1].Hash, reason, Start.AddDays(1), Start.AddYears(5), ["gdpr-art33"]);
}
