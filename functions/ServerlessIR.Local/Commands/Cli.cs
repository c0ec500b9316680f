using System.Globalization;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Local.Drill;

namespace ServerlessIR.Local.Commands;

/// <summary>The <c>ir</c> command: its verbs and their options (DESIGN.md lists them as a contract).</summary>
public static class Cli
{
    public const string Usage = """
        ir - ServerlessIR on this machine

          ir drill [--scenario NAME|FILE] [--time-scale N] [--report-dir DIR] [--horizon-hours H] [--playbook FILE] [--host local|functions]
          ir serve [--port 7071] [--time-scale N] [--playbook FILE] [--host local|functions]
          ir assess --input FILE [--playbook FILE]
          ir evidence verify --incident ID | --export DIR
          ir evidence export --incident ID --out DIR
          ir evidence register --out FILE.csv
          ir bench ingest [--alerts 10000] | evidence
          ir playbook check [FILE]
          ir smoke --base-url URL [--key KEY] [--wait-seconds N]
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        // SIGTERM (a service manager, `kill`) stops as cleanly as Ctrl-C: the pipeline shuts down what it started.
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            cancel.Cancel();
        });
        try
        {
            var rest = args.Skip(1).ToArray();
            return args.FirstOrDefault() switch
            {
                "drill" => await DrillAsync(new Args(rest), stdout, cancel.Token),
                "serve" => await ServeCommand.RunAsync(new Args(rest), stdout, cancel.Token),
                "playbook" => PlaybookCheck(new Args(rest.Skip(1).ToArray()), stdout, stderr),
                "assess" => Assess(new Args(rest), stdout, stderr),
                "evidence" => await LocalStorageCommands.EvidenceAsync(rest, stdout, stderr, cancel.Token),
                "bench" when rest.FirstOrDefault() == "evidence" => await LocalStorageCommands.BenchEvidenceAsync(stdout, cancel.Token),
                "bench" when rest.FirstOrDefault() == "ingest" => await Bench.IngestBench.RunAsync(stdout, new Args(rest.Skip(1).ToArray()).Int("--alerts") ?? 10_000, cancel.Token),
                "smoke" => await SmokeCommand.RunAsync(new Args(rest), stdout, cancel.Token),
                "help" or "--help" or "-h" or null => Help(stdout),
                var verb => Unknown(verb, stderr),
            };
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (PlaybookLoadException ex)
        {
            await stderr.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return 130;
        }
    }

    private static Task<int> DrillAsync(Args args, TextWriter stdout, CancellationToken cancellationToken) =>
        new DrillRunner(stdout).RunAsync(new DrillRunner.Options(
            args.Value("--scenario") ?? "default",
            args.Double("--time-scale") ?? 3600,
            args.Value("--report-dir"),
            args.Double("--horizon-hours") ?? 96,
            args.Value("--playbook"),
            HostOption(args)), cancellationToken);

    /// <summary><c>--host local</c> (the default) or <c>--host functions</c> (the Functions app's own function classes).</summary>
    public static Hosting.PipelineHost HostOption(Args args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Value("--host") switch
        {
            null or "local" => Hosting.PipelineHost.Local,
            "functions" => Hosting.PipelineHost.Functions,
            var other => throw new UsageException($"Option --host takes 'local' or 'functions' (got '{other}')."),
        };
    }

    private static int Assess(Args args, TextWriter stdout, TextWriter stderr) =>
        ServerlessIR.Core.Assessment.AssessCommand.Run(args.Required("--input"), args.Value("--playbook"), stdout, stderr);

    private static int PlaybookCheck(Args args, TextWriter stdout, TextWriter stderr)
    {
        var path = args.Positional.FirstOrDefault();
        var playbook = path is null ? PlaybookLoader.LoadDefault() : PlaybookLoader.LoadFile(path);
        stdout.WriteLine($"{path ?? PlaybookLoader.DefaultName}: valid ({playbook.AiSystems.Count} AI systems, {playbook.Salesforce.Orgs.Count} org(s))");
        return 0;
    }

    private static int Help(TextWriter stdout)
    {
        stdout.WriteLine(Usage);
        return 0;
    }

    private static int Unknown(string verb, TextWriter stderr)
    {
        stderr.WriteLine($"Unknown command '{verb}'.");
        stderr.WriteLine(Usage);
        return 2;
    }
}
