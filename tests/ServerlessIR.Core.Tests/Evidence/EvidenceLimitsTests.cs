using System.Text.Json.Nodes;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Tests.Evidence;

public sealed class EvidenceLimitsTests
{
    private static readonly EvidenceSanitizer Sanitizer = new(new Pseudonymizer(new byte[32]));

    /// <summary>What the ledger measures: the canonical payload after sanitizing.</summary>
    private static int LedgerSize(JsonObject payload) =>
        JsonCanonicalizer.Canonicalize(Sanitizer.Sanitize(new EvidenceEntry("signal.joined", "system", "s", DateTimeOffset.UnixEpoch, payload)).Payload).Length;

    [Fact]
    public void Bound_SmallPayload_Unchanged()
    {
        var payload = new JsonObject { ["signalId"] = "sig-1", ["subjects"] = 5000, ["dataCategories"] = new JsonArray("contact") };

        var bounded = EvidenceLimits.Bound(payload)!;

        Assert.Equal(payload.ToJsonString(), bounded.ToJsonString());
    }

    [Fact]
    public void Bound_FortyThousandCharacterReason_FitsTheLedgerWithMarker()
    {
        var payload = new JsonObject { ["reason"] = new string('r', 40_000), ["regime"] = "gdpr-art33" };
        Assert.True(LedgerSize(payload) > EvidenceLimits.MaxPayloadChars);

        var bounded = EvidenceLimits.Bound(payload)!;

        Assert.True(LedgerSize(bounded) <= EvidenceLimits.MaxPayloadChars);
        Assert.Equal("gdpr-art33", (string)bounded["regime"]!);
        Assert.EndsWith("[truncated: 40000 characters in all]", (string)bounded["reason"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Bound_ManyLongStringsFullOfAddresses_SmallStandInThatStillFitsAfterPseudonyms()
    {
        var addresses = string.Concat(Enumerable.Repeat("a@b.cd ", 300));
        var payload = new JsonObject { ["items"] = new JsonArray([.. Enumerable.Range(0, 40).Select(_ => (JsonNode?)addresses)]) };

        var bounded = EvidenceLimits.Bound(payload)!;

        Assert.True((bool)bounded["truncated"]!);
        Assert.Equal("items", (string)bounded["members"]![0]!);
        Assert.True(LedgerSize(bounded) <= EvidenceLimits.MaxPayloadChars);
    }

    [Fact]
    public void Bound_Entry_BoundsSummaryAndActor()
    {
        var entry = new EvidenceEntry("obligation.held", "law-enforcement:" + new string('o', 5_000), new string('s', 40_000), DateTimeOffset.UnixEpoch);

        var bounded = EvidenceLimits.Bound(entry);

        Assert.Equal(EvidenceLimits.MaxSummaryChars, bounded.Summary.Length);
        Assert.Equal(EvidenceLimits.MaxActorChars, bounded.Actor.Length);
        Assert.StartsWith("law-enforcement:", bounded.Actor, StringComparison.Ordinal);
    }
}
