using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Local.Commands;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Tests.Hosting;

/// <summary><c>ir smoke</c> against the real local host: every check passes, and the test incident touches nothing.</summary>
[Trait("Category", "Storage")]
[Collection(LocalPipelineCollection.Name)]
public sealed class SmokeCommandTests(LocalPipelineFixture fixture)
{
    private LocalPipeline Pipeline => fixture.Pipeline;

    private async Task<(int ExitCode, string Output)> SmokeAsync(string key)
    {
        using var output = new StringWriter();
        var exit = await Cli.InvokeAsync(Cli.CreateRoot(), ["smoke", "--base-url", Pipeline.ApiUrl.ToString(), "--key", key], output, output, CancellationToken.None);
        return (exit, output.ToString());
    }

    [Fact]
    public async Task Run_LocalHost_EveryCheckPassesAndTheTestIncidentCloses()
    {
        var effectsBefore = Pipeline.Salesforce!.Effects.Count;

        var (exit, output) = await SmokeAsync(Pipeline.WebhookKey);

        Assert.True(exit == 0, output);
        foreach (var check in new[] { "health", "handshake with the key", "handshake without a key", "sign-in required", "unknown route", "test alert opens and closes an incident" })
        {
            Assert.Contains($"  ok    {check}:", output, StringComparison.Ordinal);
        }
        Assert.Contains("loopback", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Pipeline.WebhookKey, output, StringComparison.Ordinal);

        // The smoke incident recorded evidence and closed with no assessment: no obligation, no containment, nothing done.
        var id = output.Split(' ').First(w => w.StartsWith(SmokeTestSource.IncidentIdPrefix, StringComparison.Ordinal) && w.Length > 10);
        var incident = await Pipeline.Services.GetRequiredService<IIncidentStore>().GetAsync(id);
        Assert.NotNull(incident);
        Assert.Equal(IncidentStatus.Closed, incident.Status);
        Assert.Empty(incident.Obligations);
        Assert.Empty(incident.Containment);
        Assert.Null(incident.Severity);
        Assert.True(incident.EvidenceRecords >= 2);
        Assert.Equal(effectsBefore, Pipeline.Salesforce.Effects.Count);
    }

    [Fact]
    public async Task Run_WrongKey_FailsAtTheHandshakeAndStops()
    {
        var (exit, output) = await SmokeAsync("not-the-key");

        Assert.Equal(1, exit);
        Assert.Contains("  ok    health:", output, StringComparison.Ordinal);
        Assert.Contains("  FAIL  handshake with the key:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("test alert", output, StringComparison.Ordinal);
    }
}
