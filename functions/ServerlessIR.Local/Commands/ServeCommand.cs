using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Commands;

/// <summary><c>./ir serve</c>: the local pipeline until Ctrl-C, with its URL and webhook key printed.</summary>
public static class ServeCommand
{
    public static async Task<int> RunAsync(Args args, TextWriter stdout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        var options = new LocalPipelineOptions
        {
            ApiPort = args.Int("--port") ?? 7071,
            TimeScale = args.Double("--time-scale") ?? 1,
            TaskHub = args.Value("--task-hub") ?? "serverlessir",
            PlaybookPath = args.Value("--playbook"),
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Information,
            Host = Cli.HostOption(args),
        };
        await using var pipeline = await LocalPipeline.StartAsync(options, m => stdout.WriteLine(m), cancellationToken);
        await stdout.WriteLineAsync($"ServerlessIR listening on {pipeline.ApiUrl} (loopback only), time scale {options.TimeScale}, host {options.Host.ToString().ToLowerInvariant()}");
        await stdout.WriteLineAsync($"  webhook:   POST {pipeline.ApiUrl}api/events?code={pipeline.WebhookKey}");
        await stdout.WriteLineAsync($"  webhook key: {pipeline.WebhookKey}   (set SERVERLESSIR_WEBHOOK_KEY to choose it)");
        await stdout.WriteLineAsync($"  incidents: GET {pipeline.ApiUrl}api/incidents");
        if (pipeline.StandInsUrl is not null) await stdout.WriteLineAsync($"  stand-ins: {pipeline.StandInsUrl} (Salesforce /services, Graph /v1.0)");
        await stdout.WriteLineAsync("Press Ctrl-C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
        await stdout.WriteLineAsync("Stopping...");
        return 0;
    }
}
