using System.Text.Json;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Core.Tests.Incidents;

/// <summary>
/// The record as a change (revision 4) on the engine, when a write goes through but its answer is lost: a journal's retry
/// finds its version written and writes nothing again; a whole-record write whose answer is lost every time leaves the
/// store a version ahead of what the orchestration knows, so the next change does not follow it, and the whole record is
/// written instead. Either way the stored record ends as the one the incident ended with.
/// </summary>
[Trait("Category", "Durable")]
public sealed class RecordChangeInRunTests
{
    private const double Scale = 360_000;

    [Fact]
    public async Task RunAsync_AJournalsWriteLosesItsAnswer_TheRetryFindsItWrittenAndTheRecordEndsExact()
    {
        await using var host = await IncidentTestHost.StartAsync(TestPlaybook.RevokeOnly());
        var losses = 0;
        // Version 4 is written by a journal (the containment step's), and its answer is lost once.
        host.Store.LoseAnswer = summary => summary.RecordVersion == 4 && Interlocked.Increment(ref losses) == 1;

        var (id, final) = await RunAsync(host);

        Assert.Equal(1, losses);
        Assert.Empty(final.BookkeepingFailures);
        var versions = host.Store.Writes.Select(w => w.RecordVersion).ToList();
        Assert.Equal(versions.Distinct(), versions);
        AssertStoredIsFinal(host, id, final);
    }

    [Fact]
    public async Task RunAsync_AWholeRecordWriteLosesEveryAnswer_TheNextStepWritesTheWholeRecordAndTheRecordEndsExact()
    {
        // The step fails for good, and at revision 4 its record is written whole (RecordIncidentActivity; from revision 5
        // it goes with the step's journal); each of its five attempts writes and loses the answer, so the store holds a
        // version the orchestration thinks was not written.
        await using var host = await IncidentTestHost.StartAsync(TestPlaybook.RevokeOnly(), new FakeSalesforce(permanent: true));
        long lost = 0;
        var losses = 0;
        host.Store.LoseAnswer = summary =>
        {
            if (lost == 0 && summary.Containment.Any(c => c.Status == ContainmentStatus.Failed))
            {
                lost = summary.RecordVersion;
            }
            return summary.RecordVersion == lost && Interlocked.Increment(ref losses) <= 5;
        };

        var (id, final) = await RunAsync(host, revision: 4);

        Assert.True(lost > 0);
        Assert.Equal(5, losses);
        Assert.Equal(BookkeepingStep.IncidentRecord, Assert.Single(final.BookkeepingFailures).Step);
        // After the lost one, the next version went to the store (whole, as the change did not follow) and every later
        // one followed it.
        var after = host.Store.Writes.Select(w => w.RecordVersion).SkipWhile(v => v <= lost).ToList();
        Assert.NotEmpty(after);
        Assert.Equal(lost + 1, after[0]);
        Assert.Equal(after.Distinct().Order(), after);
        AssertStoredIsFinal(host, id, final);
    }

    private static async Task<(string Id, IncidentSummary Final)> RunAsync(IncidentTestHost host, int revision = IncidentInput.CurrentRevision)
    {
        var id = await host.OpenAsync("inc-change-", new IncidentRuntime(Scale, 96, 1), revision: revision);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        return (id, await host.WaitForSummaryAsync(id, timeout.Token));
    }

    private static void AssertStoredIsFinal(IncidentTestHost host, string id, IncidentSummary final)
    {
        var stored = host.Store.Rows[id];
        Assert.Equal(Json(IncidentRecord.Fit(final with { RecordVersion = stored.RecordVersion })), Json(stored));
    }

    private static string Json(IncidentSummary record) => JsonSerializer.Serialize(record, JsonSerializerOptions.Web);
}
