using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Local.Hosting;
using ServerlessIR.Local.Tests.Hosting;
using Xunit.Abstractions;

namespace ServerlessIR.Local.Tests.Resilience;

/// <summary>
/// Text far over every storage limit reaches a live incident as a durable event, as if no edge had bounded it: the
/// orchestration is the last line. The incident runs to its clocks, its evidence verifies, and its record fits its row.
/// </summary>
[Trait("Category", "Storage")]
[Collection(LocalPipelineCollection.Name)]
public sealed class OversizedTextTests(LocalPipelineFixture fixture, ITestOutputHelper output)
{
    private const int Huge = 40_000;

    private LocalPipeline Pipeline => fixture.Pipeline;

    [Fact]
    public async Task JoinedSignal_FortyThousandCharacterSummaryThatWidens_IncidentRunsToItsClocksWithEvidenceVerified()
    {
        using var http = new HttpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var (id, org, _) = await IncidentProbe.OpenAsync(Pipeline, http);
        await IncidentProbe.WaitUntilContainedAsync(Pipeline, http, id, timeout.Token);

        // A new data category widens the breach, so the text goes into evidence, the timeline and a re-assessment.
        var signal = new Signal
        {
            Id = "huge-" + Guid.NewGuid().ToString("N"),
            Source = "tests",
            Kind = "ai-data-leak",
            OccurredAt = DateTimeOffset.UtcNow,
            OrgId = org,
            PrincipalKind = "user",
            DataCategories = ["contact", "financial", "special-category"],
            Jurisdictions = ["DE"],
            SubjectCount = 5000,
            Summary = "widening: " + new string('w', Huge),
            PayloadRef = "blob:raw-alerts/huge",
        };
        await Pipeline.Client.RaiseEventAsync(id, IncidentEvent.Name, new SignalJoinedEvent(signal), timeout.Token);

        var summary = await IncidentProbe.WaitForEndAsync(Pipeline, id, timeout.Token);

        var joined = Assert.Single(summary.Timeline, t => t.Kind == EvidenceKinds.SignalJoined);
        Assert.EndsWith("characters in all]", joined.Summary, StringComparison.Ordinal);
        Assert.Contains(summary.Timeline, t => t.Kind == EvidenceKinds.AssessmentRevised && t.At >= joined.At);
        Assert.Contains("special-category", summary.DataCategories);
        Assert.NotEmpty(IncidentProbe.FiredAfter(summary, joined.At));
        Assert.Equal(0, summary.BookkeepingFailureCount);
        Assert.Contains(signal.Id, summary.SignalIds);
        var verification = await IncidentProbe.VerifyEvidenceAsync(Pipeline, id);
        Assert.True(verification.Verified, verification.Problem);
        var stored = await IncidentProbe.StoredRecordCharsAsync(Pipeline, id);
        output.WriteLine($"{verification.Records} evidence records, {verification.AnchorsChecked} anchors; stored record {stored} chars");
        Assert.True(stored <= IncidentRecord.MaxChars, $"stored record is {stored} characters");
    }

    [Fact]
    public async Task HoldRaisedDirectly_FortyThousandCharacterReason_IncidentRunsToItsClocksWithEvidenceVerified()
    {
        using var http = new HttpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var (id, _, _) = await IncidentProbe.OpenAsync(Pipeline, http);
        await IncidentProbe.WaitUntilContainedAsync(Pipeline, http, id, timeout.Token);

        // Raised as a durable event, past the facts route: nothing at the edge bounded it (the approval is one the
        // dual-control desk would make, so the orchestration's own two-person check lets it through).
        var amendment = new FactsAmendment
        {
            AmendedBy = "dpo@northwind.example",
            LawEnforcementHold = new LawEnforcementHold([], "Officer " + new string('o', Huge), new string('r', Huge)),
        };
        await Pipeline.Client.RaiseEventAsync(id, IncidentEvent.Name, SecondedEvents.Seconded(id, new FactsAmendedEvent(amendment)), timeout.Token);

        var summary = await IncidentProbe.WaitForEndAsync(Pipeline, id, timeout.Token);

        var held = summary.Timeline.First(t => t.Kind == EvidenceKinds.ObligationHeld);
        Assert.All(summary.Obligations.Where(o => o.Hold is not null), o =>
        {
            Assert.True(o.Hold!.Reason.Length <= 1_000, $"hold reason kept {o.Hold.Reason.Length} characters");
            Assert.True(o.StatusReason!.Length < 2_000, $"status reason kept {o.StatusReason.Length} characters");
        });
        Assert.Contains(summary.Obligations, o => o.Status == ObligationStatus.OnHold);
        Assert.NotEmpty(IncidentProbe.FiredAfter(summary, held.At));
        Assert.Equal(0, summary.BookkeepingFailureCount);
        var verification = await IncidentProbe.VerifyEvidenceAsync(Pipeline, id);
        Assert.True(verification.Verified, verification.Problem);
        var stored = await IncidentProbe.StoredRecordCharsAsync(Pipeline, id);
        output.WriteLine($"{summary.Obligations.Count(o => o.Hold is not null)} obligations held; stored record {stored} chars");
        Assert.True(stored <= IncidentRecord.MaxChars, $"stored record is {stored} characters");
    }
}
