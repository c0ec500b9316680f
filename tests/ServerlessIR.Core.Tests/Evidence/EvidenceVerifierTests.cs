using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Tests.Evidence;

public sealed class EvidenceVerifierTests
{
    private const string Incident = "inc-verify";

    [Fact]
    public void Verify_IntactChainWithAnchor_Verified()
    {
        var records = TestChain.Build(Incident, 10);

        var result = EvidenceVerifier.Verify(Incident, records, [TestChain.Anchor(records)]);

        Assert.True(result.Verified, result.Problem);
        Assert.Equal(10, result.Records);
        Assert.Equal(records[^1].Hash, result.HeadHash);
        Assert.Null(result.FirstBadSequence);
        Assert.Equal(1, result.AnchorsChecked);
    }

    [Fact]
    public void Verify_RecordsAppendedAfterAnchor_Verified()
    {
        var records = TestChain.Build(Incident, 10);
        var anchor = TestChain.Anchor(records.Take(6).ToList(), "24h");

        Assert.True(EvidenceVerifier.Verify(Incident, records, [anchor]).Verified);
    }

    [Fact]
    public void Verify_ModifiedSummary_HashMismatchAtThatSequence()
    {
        var records = TestChain.Build(Incident, 10);
        records[4] = records[4] with { Summary = "nothing happened" };

        var result = EvidenceVerifier.Verify(Incident, records);

        Assert.False(result.Verified);
        Assert.Equal(5, result.FirstBadSequence);
        Assert.Contains("hash mismatch", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ModifiedPayload_HashMismatchAtThatSequence()
    {
        var records = TestChain.Build(Incident, 10);
        records[6] = records[6] with { Payload = new System.Text.Json.Nodes.JsonObject { ["i"] = 70 } };

        var result = EvidenceVerifier.Verify(Incident, records);

        Assert.Equal(7, result.FirstBadSequence);
        Assert.Contains("hash mismatch", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ModifiedWallTime_HashMismatch()
    {
        var records = TestChain.Build(Incident, 5);
        records[2] = records[2] with { WallTime = records[2].WallTime.AddDays(-1) };

        Assert.Equal(3, EvidenceVerifier.Verify(Incident, records).FirstBadSequence);
    }

    [Fact]
    public void Verify_DeletedRecord_GapAtThatSequence()
    {
        var records = TestChain.Build(Incident, 10);
        records.RemoveAt(4);

        var result = EvidenceVerifier.Verify(Incident, records);

        Assert.Equal(5, result.FirstBadSequence);
        Assert.Contains("gap", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_InsertedDuplicate_DuplicateAtItsSequence()
    {
        var records = TestChain.Build(Incident, 10);
        var forged = EvidenceHasher.Seal(records[5] with { Summary = "forged" });
        records.Insert(5, forged);

        var result = EvidenceVerifier.Verify(Incident, records);

        Assert.Equal(6, result.FirstBadSequence);
        Assert.Contains("duplicate", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_InsertedAndRenumbered_ChainBreakAfterInsertion()
    {
        var original = TestChain.Build(Incident, 8);
        var forgedEntries = original.Take(4).Select(r => new EvidenceEntry(r.Kind, r.Actor, r.Summary, r.IncidentTime, r.Payload))
            .Append(new EvidenceEntry("approval.decided", "approver:mallory", "approved after the fact", TestChain.Start, null))
            .ToList();
        var forgedPrefix = TestChain.Build(Incident, forgedEntries);
        var records = forgedPrefix.Concat(original.Skip(4).Select(r => r with { Sequence = r.Sequence + 1 })).ToList();

        var result = EvidenceVerifier.Verify(Incident, records);

        Assert.Equal(6, result.FirstBadSequence);
        Assert.Contains("chain break", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SwappedRecords_OutOfOrderAtFirstDisplaced()
    {
        var records = TestChain.Build(Incident, 10);
        (records[4], records[5]) = (records[5], records[4]);

        var result = EvidenceVerifier.Verify(Incident, records);

        Assert.Equal(5, result.FirstBadSequence);
        Assert.Contains("out of order", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SwappedAndRenumbered_ChainBreakAtFirstDisplaced()
    {
        var records = TestChain.Build(Incident, 10);
        (records[4], records[5]) = (records[5] with { Sequence = 5 }, records[4] with { Sequence = 6 });

        var result = EvidenceVerifier.Verify(Incident, records);

        Assert.Equal(5, result.FirstBadSequence);
        Assert.Contains("chain break", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_TruncatedTail_FirstMissingSequenceFromAnchor()
    {
        var records = TestChain.Build(Incident, 10);
        var anchor = TestChain.Anchor(records);
        records.RemoveRange(7, 3);

        var result = EvidenceVerifier.Verify(Incident, records, [anchor]);

        Assert.False(result.Verified);
        Assert.Equal(8, result.FirstBadSequence);
        Assert.Contains("truncated", result.Problem, StringComparison.Ordinal);
        Assert.Contains(anchor.HeadHash, result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_WholeChainRewritten_AnchorMismatch()
    {
        var records = TestChain.Build(Incident, 6);
        var anchor = TestChain.Anchor(records);
        var rewritten = TestChain.Build(Incident, records.Select((r, i) =>
            new EvidenceEntry(r.Kind, r.Actor, i == 2 ? "rewritten" : r.Summary, r.IncidentTime, r.Payload)));

        var result = EvidenceVerifier.Verify(Incident, rewritten, [anchor]);

        Assert.Equal(6, result.FirstBadSequence);
        Assert.Contains("anchor mismatch", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_RecordFromOtherIncident_Rejected()
    {
        var records = TestChain.Build(Incident, 4);
        records[1] = records[1] with { IncidentId = "inc-other" };

        var result = EvidenceVerifier.Verify(Incident, records);

        Assert.Equal(2, result.FirstBadSequence);
        Assert.Contains("inc-other", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_FirstRecordNotChainedToGenesis_ChainBreakAtOne()
    {
        var records = TestChain.Build(Incident, 3);
        records[0] = EvidenceHasher.Seal(records[0] with { PreviousHash = "sha256:" + new string('1', 64) });

        Assert.Equal(1, EvidenceVerifier.Verify(Incident, records).FirstBadSequence);
    }

    [Fact]
    public void Verify_NoRecords_NotVerified()
    {
        var result = EvidenceVerifier.Verify(Incident, []);

        Assert.False(result.Verified);
        Assert.Equal(1, result.FirstBadSequence);
    }

    [Fact]
    public void RecordJson_RoundTrip_SameHash()
    {
        var records = TestChain.Build(Incident, 3);

        var parsed = records.Select(r => EvidenceRecordJson.Parse(EvidenceRecordJson.ToLine(r))).ToList();

        Assert.True(EvidenceVerifier.Verify(Incident, parsed).Verified);
        Assert.Equal(records.Select(r => r.Hash), parsed.Select(EvidenceHasher.ComputeHash));
    }

    [Fact]
    public void ComputeHash_DocumentedFieldSet_MatchesIndependentComputation()
    {
        var record = TestChain.Build(Incident, 1)[0];
        var canonical = "{\"actor\":\"system\",\"incidentId\":\"inc-verify\",\"incidentTime\":\"2026-11-27T10:01:00.0000000Z\",\"kind\":\"step.done\","
            + "\"payload\":{\"i\":1},\"previousHash\":\"sha256:" + new string('0', 64) + "\",\"sequence\":1,\"summary\":\"step 1\","
            + "\"wallTime\":\"2026-11-27T11:00:01.0000000Z\"}";

        var expected = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)));

        Assert.Equal(expected, record.Hash);
    }

    [Fact]
    public void VerifyFrom_TailAfterTheAnchor_VerifiedWithTheWholeCountAndHead()
    {
        var records = TestChain.Build(Incident, 10);
        var anchor = TestChain.Anchor(records.Take(6).ToList(), "24h");

        var result = EvidenceVerifier.VerifyFrom(Incident, anchor, records.Skip(5).ToList());

        Assert.True(result.Verified, result.Problem);
        Assert.Equal((10, records[^1].Hash), (result.Records, result.HeadHash));
    }

    [Theory]
    [InlineData("altered after", 8, "hash mismatch")]
    [InlineData("altered anchored", 6, "hash mismatch")]
    [InlineData("rewritten from before", 6, "anchor mismatch")]
    [InlineData("anchored deleted", 6, "truncated")]
    [InlineData("deleted after", 8, "gap")]
    public void VerifyFrom_TamperingFromTheAnchorOn_FoundWhereItIs(string tampering, long firstBad, string problem)
    {
        var records = TestChain.Build(Incident, 10);
        var anchor = TestChain.Anchor(records.Take(6).ToList(), "24h");
        switch (tampering)
        {
            case "altered after":
                records[7] = records[7] with { Summary = "nothing happened" };
                break;
            case "altered anchored":
                records[5] = records[5] with { Summary = "nothing happened" };
                break;
            case "rewritten from before":
                // Record 3 changed and every hash after it recomputed: the chain is whole again, but no longer the one witnessed.
                records = TestChain.Build(Incident, records.Select((r, i) => new EvidenceEntry(r.Kind, r.Actor, i == 2 ? "nothing happened" : r.Summary, r.IncidentTime, r.Payload)));
                break;
            case "anchored deleted":
                records.RemoveAt(5);
                break;
            case "deleted after":
                records.RemoveAt(7);
                break;
        }

        var result = EvidenceVerifier.VerifyFrom(Incident, anchor, records.Where(r => r.Sequence >= anchor.RecordCount).ToList());

        Assert.False(result.Verified);
        Assert.Equal(firstBad, result.FirstBadSequence);
        Assert.Contains(problem, result.Problem, StringComparison.Ordinal);
    }
}
