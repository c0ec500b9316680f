using System.CommandLine;
using ServerlessIR.Local.Fuzz;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Commands;

/// <summary>
/// <c>ir fuzz --events N --seed S [--base-url URL] [--key KEY] [--concurrency C] [--host local|functions]</c>: hostile
/// input against the webhook, from a local host it starts (or a running <c>ir serve</c>); exits 1 on any 5xx, any lost event
/// or any incident that ended Failed.
/// </summary>
internal sealed class FuzzCommand : Command
{
    public FuzzCommand()
        : base("fuzz", "Hostile input against the webhook (a local host it starts, or --base-url); exits 1 on any 5xx, lost event or failed incident")
    {
        Events.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1) r.AddError("--events must be at least 1.");
        });
        Concurrency.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 64) r.AddError("--concurrency must be between 1 and 64.");
        });
        Options.Add(Events);
        Options.Add(Seed);
        Options.Add(BaseUrl);
        Options.Add(Key);
        Options.Add(Concurrency);
        Options.Add(Host);
        SetAction((result, cancellationToken) =>
        {
            var options = Bind(result);
            if (options.BaseUrl is not null && string.IsNullOrEmpty(options.Key))
            {
                throw new UsageException("ir fuzz --base-url needs the webhook key: --key KEY or SERVERLESSIR_WEBHOOK_KEY (ir serve prints it).");
            }
            if (options.BaseUrl is not null && result.GetResult(Host) is not null)
            {
                throw new UsageException("--host chooses the host ir fuzz starts; with --base-url the running host is used as it is.");
            }
            return FuzzRunner.RunAsync(options, result.InvocationConfiguration.Output, cancellationToken);
        });
    }

    public Option<int> Events { get; } = CliOptions.WholeNumber("--events", "N", "Events to send in all (each event of a batch counts)", 1_000);

    public Option<int> Seed { get; } = CliOptions.WholeNumber("--seed", "S", "Seed of the mutations: the same seed sends the same deliveries", 1);

    public Option<Uri> BaseUrl { get; } = CliOptions.BaseUrl("A running ./ir serve to target [default: start a local host for the run]", required: false);

    public Option<string> Key { get; } = CliOptions.WebhookKey();

    public Option<int> Concurrency { get; } = CliOptions.WholeNumber("--concurrency", "C", "Deliveries in flight at once", 4);

    public Option<PipelineHost> Host { get; } = CliOptions.Host();

    /// <summary>The run's options from a parsed command line.</summary>
    public FuzzOptions Bind(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var baseUrl = result.GetValue(BaseUrl);
        return new FuzzOptions(result.GetValue(Events), result.GetValue(Seed), baseUrl,
            baseUrl is null ? null : result.GetValue(Key) ?? Environment.GetEnvironmentVariable("SERVERLESSIR_WEBHOOK_KEY"),
            result.GetValue(Concurrency))
        {
            Host = result.GetValue(Host),
        };
    }
}
