using System.CommandLine;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Commands;

/// <summary><c>./ir serve</c>: the local pipeline until Ctrl-C, with its URL and webhook key printed.</summary>
internal sealed class ServeCommand : Command
{
    public ServeCommand()
        : base("serve", "The local pipeline until Ctrl-C: HTTP routes and the durable worker on Azurite; prints the URL and webhook key")
    {
        Options.Add(Port);
        Options.Add(TimeScale);
        Options.Add(TaskHub);
        Options.Add(Playbook);
        Options.Add(Host);
        Options.Add(As);
        SetAction((result, cancellationToken) => RunAsync(Bind(result), People(result), result.InvocationConfiguration.Output, cancellationToken));
    }

    public Option<int> Port { get; } = CliOptions.WholeNumber("--port", "PORT", "Loopback port of the HTTP API", 7071);

    public Option<double> TimeScale { get; } = CliOptions.Number("--time-scale", "N", "Incident seconds per real second", 1);

    public Option<string> TaskHub { get; } = new("--task-hub")
    {
        Description = "Durable task hub name",
        HelpName = "NAME",
        DefaultValueFactory = _ => "serverlessir",
    };

    public Option<string> Playbook { get; } = CliOptions.Playbook();

    public Option<PipelineHost> Host { get; } = CliOptions.Host();

    public Option<string[]> As { get; } = new("--as")
    {
        Description = "Print a one-time sign-in link for this person (repeat for several) [default: IR_APPROVER_IDENTITY, comma-separated, else the playbook's security contact]",
        HelpName = "EMAIL",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>Who gets a sign-in link: <c>--as</c>, else <c>IR_APPROVER_IDENTITY</c>; empty means the playbook's default person.</summary>
    public IReadOnlyList<string> People(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var given = result.GetValue(As) is { Length: > 0 } named
            ? named
            : (Environment.GetEnvironmentVariable("IR_APPROVER_IDENTITY") ?? "").Split(',');
        return [.. given.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The pipeline's options from a parsed command line.</summary>
    public LocalPipelineOptions Bind(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new LocalPipelineOptions
        {
            ApiPort = result.GetValue(Port),
            TimeScale = result.GetValue(TimeScale),
            TaskHub = result.GetValue(TaskHub) ?? "serverlessir",
            PlaybookPath = result.GetValue(Playbook),
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Information,
            Host = result.GetValue(Host),
        };
    }

    /// <remarks>
    /// <paramref name="people"/> get one-time sign-in links (none given: the playbook's security contact, else its DPO).
    /// Nobody is signed in by a request header here, as a drill's simulated people are: any process on this machine
    /// could send one.
    /// </remarks>
    public static async Task<int> RunAsync(LocalPipelineOptions options, IReadOnlyList<string> people, TextWriter stdout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(stdout);
        await using var pipeline = await LocalPipeline.StartAsync(options, m => stdout.WriteLine(m), cancellationToken);
        await stdout.WriteLineAsync($"ServerlessIR listening on {pipeline.ApiUrl} (loopback only), time scale {options.TimeScale}, host {options.Host.ToString().ToLowerInvariant()}");
        await stdout.WriteLineAsync($"  webhook:   POST {pipeline.ApiUrl}api/events?code={pipeline.WebhookKey}");
        await stdout.WriteLineAsync($"  webhook key: {pipeline.WebhookKey}   (set SERVERLESSIR_WEBHOOK_KEY to choose it)");
        await stdout.WriteLineAsync($"  incidents: GET {pipeline.ApiUrl}api/incidents");
        await stdout.WriteLineAsync($"  console:   {pipeline.ApiUrl}");
        if (pipeline.StandInsUrl is not null) await stdout.WriteLineAsync($"  stand-ins: {pipeline.StandInsUrl} (Salesforce /services, Graph /v1.0)");
        var playbook = pipeline.Playbook;
        IReadOnlyList<string> signIn = people.Count > 0 ? people : [playbook.Organisation.SecurityContact?.Email ?? playbook.Organisation.Dpo.Email];
        foreach (var person in signIn)
        {
            await stdout.WriteLineAsync($"  sign in as {person}: {pipeline.SignInLink(person)}");
        }
        await stdout.WriteLineAsync("    (each link works once, in one browser: it sets an HttpOnly, SameSite=Strict session cookie for this host)");
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
