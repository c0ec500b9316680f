using Microsoft.DurableTask.Client;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Local.Hosting;
using ServerlessIR.Local.Tests.Hosting;
using ServerlessIR.StandIns.Salesforce;

namespace ServerlessIR.Local.Tests.Drill;

/// <summary>
/// Honest incident time on the local host (scale 7200): a Salesforce that answers slowly makes containment take real
/// seconds, and those seconds must stay seconds of incident time, while checkpoints still fire at their incident hour.
/// Ratios with generous bounds, no timing asserts: the old linear rule gave 7200x.
/// </summary>
[Trait("Category", "Storage")]
[Collection(LocalPipelineCollection.Name)]
public sealed class IncidentTimeTests(LocalPipelineFixture fixture)
{
    private LocalPipeline Pipeline => fixture.Pipeline;

    [Fact]
    public async Task Incident_SlowSalesforce_WorkGapsStayNearRealTimeAndCheckpointsFireOnTheHour()
    {
        var salesforce = Pipeline.Salesforce!;
        salesforce.Seed(Pipeline.Playbook);
        salesforce.SeedContainment(Pipeline.Playbook);
        Pipeline.AiFeatures!.SeedFrom(Pipeline.Playbook);
        salesforce.Faults = new StandInFaults { LatencyMs = 1_500 };
        IncidentSummary summary;
        try
        {
            var incidentId = await TestAlerts.PostBnplLeakAsync(Pipeline, "honest-time");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(300));
            var done = await Pipeline.Client.WaitForInstanceCompletionAsync(incidentId, getInputsAndOutputs: true, timeout.Token);
            Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails}");
            summary = done.ReadOutputAs<IncidentSummary>()!;
        }
        finally
        {
            salesforce.Faults = new StandInFaults();
        }

        Assert.Equal(IncidentStatus.Contained, summary.Status);
        // Gaps between two containment steps with no person asked in between: pure work, each Salesforce call slowed.
        var gaps = WorkGaps(summary.Timeline).ToList();
        Assert.Contains(gaps, g => g.Real >= TimeSpan.FromSeconds(1));
        // Steps of one wave end together (their results are taken at once), so a gap may be zero in both.
        Assert.All(gaps, g => Assert.True(g.Incident <= g.Real * 10,
            $"{g.Kind}: {g.Incident.TotalSeconds:0.#} incident s for {g.Real.TotalSeconds:0.#} real s"));
        // The whole containment: under an incident hour (the linear rule made the slowed calls alone several hours).
        Assert.NotNull(summary.ContainedAt);
        Assert.True(summary.ContainedAt!.Value - summary.OpenedAt < TimeSpan.FromHours(1), $"contained at {summary.ContainedAt - summary.OpenedAt}");

        // A person's answer is timed within the tier's wait, in incident minutes, not real seconds times the scale.
        var timeoutSeconds = Pipeline.Playbook.Approvals.Tiers[0].TimeoutMinutes * 60;
        Assert.All(summary.Approvals.Where(a => a.LatencySeconds is not null),
            a => Assert.InRange(a.LatencySeconds!.Value, 0, timeoutSeconds));

        // Checkpoints still land at their incident hour: never early, and late by no more than the engine's real wake-up.
        var fired = summary.Obligations.SelectMany(o => o.Checkpoints).Where(c => c.FiredAt is not null).ToList();
        Assert.Contains(fired, c => c.DueAt - summary.OpenedAt >= TimeSpan.FromHours(24));
        Assert.All(fired, c => Assert.InRange(c.FiredAt!.Value - c.DueAt, TimeSpan.Zero, TimeSpan.FromMinutes(10)));
    }

    private static IEnumerable<(string Kind, TimeSpan Incident, TimeSpan Real)> WorkGaps(IReadOnlyList<TimelineEntry> timeline)
    {
        TimelineEntry? previous = null;
        foreach (var entry in timeline)
        {
            if (entry.Kind.StartsWith("approval.", StringComparison.Ordinal))
            {
                previous = null;
            }
            else if (entry.Kind == EvidenceKinds.ContainmentSucceeded)
            {
                if (previous is { RealAt: { } from } && entry.RealAt is { } to)
                {
                    yield return (entry.Summary, entry.At - previous.At, to - from);
                }
                previous = entry;
            }
        }
    }
}
