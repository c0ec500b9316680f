using System.CommandLine;
using ServerlessIR.Local.Bench;

namespace ServerlessIR.Local.Commands;

/// <summary><c>ir bench ingest [--alerts N]</c> and <c>ir bench evidence</c>: figures, not pass/fail (but for lost alerts).</summary>
internal sealed class BenchCommand : Command
{
    public BenchCommand()
        : base("bench", "Benchmarks on this machine")
    {
        var ingest = new Command("ingest", "Ingestion throughput: raw JSON parse, in-process pipeline, HTTP delivery alone, and an alert storm");
        ingest.Options.Add(Alerts);
        ingest.SetAction((result, cancellationToken) => IngestBench.RunAsync(result.InvocationConfiguration.Output, result.GetValue(Alerts), cancellationToken));
        Subcommands.Add(ingest);

        var evidence = new Command("evidence", "Verification speed on a 10,000-record evidence chain");
        evidence.SetAction((result, cancellationToken) => LocalStorageCommands.BenchEvidenceAsync(result.InvocationConfiguration.Output, cancellationToken));
        Subcommands.Add(evidence);
    }

    public Option<int> Alerts { get; } = CliOptions.WholeNumber("--alerts", "N", "Alerts in the storm (at least 1000)", 10_000);
}
