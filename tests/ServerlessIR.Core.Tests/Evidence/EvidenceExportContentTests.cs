using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Tests.Evidence;

public sealed class EvidenceExportContentTests
{
    private const string Incident = "inc-export";

    [Fact]
    public void Build_IntactChain_FourFilesInWriteOrderAndAVerifiedManifest()
    {
        var records = TestChain.Build(Incident, 5);

        var content = EvidenceExportContent.Build(Incident, records, [TestChain.Anchor(records)], TestChain.Start.AddDays(2));

        Assert.Equal(
            [EvidenceExportContent.RecordsFile, EvidenceExportContent.ManifestFile, EvidenceExportContent.MarkdownReportFile, EvidenceExportContent.HtmlReportFile],
            content.Files.Select(f => f.Key));
        Assert.True(content.Manifest.Verified, content.Manifest.Problem);
        Assert.Equal(5, content.Manifest.RecordCount);
        Assert.Equal(records[^1].Hash, content.Manifest.HeadHash);
        Assert.Equal(5, content.Files[0].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Verify_FilesOfBuild_Verified()
    {
        var records = TestChain.Build(Incident, 5);
        var content = EvidenceExportContent.Build(Incident, records, [TestChain.Anchor(records)], TestChain.Start.AddDays(2));

        var manifest = EvidenceExportContent.ParseManifest(content.Files[1].Value);
        var result = EvidenceExportContent.Verify(manifest, content.Files[0].Value.Split('\n'));

        Assert.True(result.Verified, result.Problem);
        Assert.Equal(1, result.AnchorsChecked);
    }

    [Fact]
    public void Verify_LineThatIsNoRecord_FailsAtItsPosition()
    {
        var records = TestChain.Build(Incident, 5);
        var content = EvidenceExportContent.Build(Incident, records, [TestChain.Anchor(records)], TestChain.Start.AddDays(2));
        var lines = content.Files[0].Value.Split('\n').ToArray();
        lines[2] = "{\"not\": \"a record\"}";

        var result = EvidenceExportContent.Verify(EvidenceExportContent.ParseManifest(content.Files[1].Value), lines);

        Assert.False(result.Verified);
        Assert.Equal(3, result.FirstBadSequence);
        Assert.Contains("line 3 of records.jsonl", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseManifest_Null_ThrowsInvalidData() =>
        Assert.Throws<InvalidDataException>(() => EvidenceExportContent.ParseManifest("null"));
}
