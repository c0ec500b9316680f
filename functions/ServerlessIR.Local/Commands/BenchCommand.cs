using System.CommandLine;
using ServerlessIR.Local.Bench;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Commands;

/// <summary>
/// <c>ir bench ingest [--alerts N]</c>, <c>ir bench evidence</c>, <c>ir bench latency [--incidents N] [--concurrency C]</c> and
/// <c>ir bench pipeline [--incidents N] [--horizon-hours H] [--warmup W]</c>: figures, not pass/fail (but for lost alerts or stuck incidents).
/// </summary>
internal sealed class BenchCommand : Command
{
    public BenchCommand()
        : base("bench", "Benchmarks on this machine")
    {
        var ingest = new Command("ingest", "Ingestion throughput: raw JSON parse, in-process pipeline, HTTP delivery alone, and an alert storm");
        ingest.Options.Add(Alerts);
        ingest.SetAction((result, cancellationToken) => IngestBench.RunAsync(result.InvocationConfiguration.Output, result.GetValue(Alerts), cancellationToken: cancellationToken));
        Subcommands.Add(ingest);

        var evidence = new Command("evidence", "Verification speed on a 10,000-record evidence chain");
        evidence.SetAction((result, cancellationToken) => LocalStorageCommands.BenchEvidenceAsync(result.InvocationConfiguration.Output, cancellationToken));
        Subcommands.Add(evidence);

        var latency = new Command("latency", "Alert answered -> first containment call at the Salesforce stand-in: p50/p95/p99, sequential and concurrent");
        latency.Options.Add(LatencyIncidents);
        latency.Options.Add(Concurrency);
        latency.Options.Add(HostOption);
        latency.SetAction((result, cancellationToken) => LatencyBench.RunAsync(result.InvocationConfiguration.Output,
            result.GetValue(LatencyIncidents), result.GetValue(Concurrency), new LocalPipelineOptions { Host = result.GetValue(HostOption) }, cancellationToken));
        Subcommands.Add(latency);

        var pipeline = new Command("pipeline", "Whole-pipeline incident throughput against the bare durable engine on the same Azurite, and history events per incident");
        pipeline.Options.Add(PipelineIncidents);
        pipeline.Options.Add(HorizonHours);
        pipeline.Options.Add(Warmup);
        pipeline.Options.Add(HostOption);
        pipeline.SetAction((result, cancellationToken) => PipelineBench.RunAsync(result.InvocationConfiguration.Output,
            result.GetValue(PipelineIncidents), result.GetValue(HorizonHours), new LocalPipelineOptions { Host = result.GetValue(HostOption) },
            result.GetValue(Warmup), cancellationToken));
        Subcommands.Add(pipeline);
    }

    public Option<int> LatencyIncidents { get; } = CliOptions.WholeNumber("--incidents", "N", "Incidents per run (one sequential run, one concurrent)", 100);

    public Option<int> Concurrency { get; } = CliOptions.WholeNumber("--concurrency", "C", "Incidents in flight at once in the concurrent run", 10);

    public Option<int> PipelineIncidents { get; } = CliOptions.WholeNumber("--incidents", "N", "Incidents through the pipeline (and orchestrations through the bare engine)", 20);

    public Option<double> HorizonHours { get; } = CliOptions.Number("--horizon-hours", "H", "Incident hours each clock runs (720: a 30-day clock)", 720);

    public Option<int> Warmup { get; } = CliOptions.WholeNumber("--warmup", "W",
        "Incidents (and bare orchestrations) run untimed before each side is timed, so neither pays for compiling its code (0: time a cold process)", 2);

    /// <summary>Which host runs the pipeline in the latency and pipeline benches (one option, added to both).</summary>
    public Option<PipelineHost> HostOption { get; } = CliOptions.Host();

    public Option<int> Alerts { get; } = CliOptions.WholeNumber("--alerts", "N", "Alerts in the storm (at least 1000)", 10_000);
}
