using System.Text.Json.Nodes;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Tests.Evidence;

public sealed class EvidenceReportBuilderTests
{
    private static JsonObject Obligation(string regime, string recipient, DateTimeOffset? deadline) => new()
    {
        ["regime"] = regime,
        ["recipient"] = recipient,
        ["deadline"] = deadline,
        ["deadlineKind"] = deadline is null ? "without-undue-delay" : "fixed",
    };

    [Fact]
    public void Build_LateAndHeldNotices_ShowDeadlineMissedWithReasonsAndHoldRequester()
    {
        var deadline = TestChain.Start.AddHours(72);
        var records = TestChain.Build("inc-report", [
            new EvidenceEntry(EvidenceKinds.AssessmentCompleted, "system", "SEV1", TestChain.Start, new JsonObject
            {
                ["obligations"] = new JsonArray(Obligation("gdpr-art33", "HmbBfDI", deadline)),
            }),
            // Amended facts added Art. 34: the report follows the latest assessment.
            new EvidenceEntry(EvidenceKinds.AssessmentRevised, "system", "Re-assessed", TestChain.Start.AddHours(5), new JsonObject
            {
                ["assessment"] = new JsonObject
                {
                    ["obligations"] = new JsonArray(Obligation("gdpr-art33", "HmbBfDI", deadline), Obligation("gdpr-art34", "data subjects in DE", null)),
                },
            }),
            new EvidenceEntry(EvidenceKinds.ObligationHeld, "law-enforcement:BKA", "held", TestChain.Start.AddHours(6), new JsonObject
            {
                ["regime"] = "gdpr-art34", ["recipient"] = "data subjects in DE", ["requester"] = "BKA SO 41", ["reason"] = "would alert suspects",
            }),
            new EvidenceEntry(EvidenceKinds.ObligationLate, "system", "late", deadline, new JsonObject
            {
                ["regime"] = "gdpr-art33", ["recipient"] = "HmbBfDI", ["deadline"] = deadline, ["reason"] = "not submitted by the deadline",
            }),
        ]);

        var sections = EvidenceReportBuilder.Build("inc-report", records, EvidenceVerifier.Verify("inc-report", records), null);

        var notices = Assert.Single(sections, s => s.Title == "Notices");
        var art33 = Assert.Single(notices.Rows, r => r[0] == "gdpr-art33");
        Assert.Equal("missed", art33[4]);
        Assert.Contains("not submitted by the deadline", art33[5], StringComparison.Ordinal);
        var art34 = Assert.Single(notices.Rows, r => r[0] == "gdpr-art34");
        Assert.Equal("held", art34[4]);
        Assert.Contains("BKA SO 41", art34[5], StringComparison.Ordinal);
    }
}
