using System.CommandLine;
using System.Globalization;
using ServerlessIR.Local.Drill;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Commands;

/// <summary><c>ir drill</c>: one whole incident from a scenario, on this machine, ending in report.json/.md/.html.</summary>
internal sealed class DrillCommand : Command
{
    public DrillCommand()
        : base("drill", "One whole incident from a scenario on this machine; writes report.json, report.md and report.html")
    {
        // The range DrillRunner enforces, checked here too so a bad value gets the drill's help before anything starts.
        TimeScale.Validators.Add(r =>
        {
            if (r.Tokens is [{ Value: var text }] && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale is <= 0 or > 1_000_000)
            {
                r.AddError($"--time-scale must be between 0 and 1000000 (got {text}).");
            }
        });
        Options.Add(Scenario);
        Options.Add(TimeScale);
        Options.Add(ReportDir);
        Options.Add(HorizonHours);
        Options.Add(Playbook);
        Options.Add(Host);
        Options.Add(All);
        Options.Add(StormAlerts);
        Validators.Add(r =>
        {
            if (r.GetResult(All) is { Implicit: false } && r.GetResult(Scenario) is { Implicit: false })
            {
                r.AddError("--all runs every scenario of the catalogue; leave out --scenario.");
            }
        });
        StormAlerts.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is <= 0)
            {
                r.AddError("--storm-alerts must be a positive whole number.");
            }
        });
        SetAction((result, cancellationToken) => result.GetValue(All)
            ? new DrillCatalogue(result.InvocationConfiguration.Output).RunAsync(Bind(result), cancellationToken)
            : new DrillRunner(result.InvocationConfiguration.Output).RunAsync(Bind(result), cancellationToken));
    }

    public Option<string> Scenario { get; } = new("--scenario")
    {
        Description = "Scenario name (Scenarios/NAME.json) or file",
        HelpName = "NAME|FILE",
        DefaultValueFactory = _ => "default",
    };

    public Option<double> TimeScale { get; } = CliOptions.Number("--time-scale", "N", "Incident seconds per real second", 3600);

    public Option<string> ReportDir { get; } = new("--report-dir")
    {
        Description = "Folder for the reports [default: .ir/drills/RUN-SCENARIO]",
        HelpName = "DIR",
    };

    public Option<double> HorizonHours { get; } = CliOptions.Number("--horizon-hours", "H", "Incident hours to follow after the first alert", 96);

    public Option<string> Playbook { get; } = CliOptions.Playbook();

    public Option<bool> All { get; } = new("--all")
    {
        Description = "Run every scenario of the catalogue, judge each by its pass criteria and write a scorecard (scorecard.html, scorecard.json) that compares runs over time [report dir default: .ir/drills/catalogue]",
    };

    public Option<int?> StormAlerts { get; } = new("--storm-alerts")
    {
        Description = "How many alerts each repeated alert of a scenario sends (the Black Friday storm's size) [default: as the scenario says]",
        HelpName = "N",
    };

    public Option<PipelineHost> Host { get; } = CliOptions.Host();

    /// <summary>The drill's options from a parsed command line.</summary>
    public DrillRunner.Options Bind(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new DrillRunner.Options(
            result.GetValue(Scenario) ?? "default",
            result.GetValue(TimeScale),
            result.GetValue(ReportDir),
            result.GetValue(HorizonHours),
            result.GetValue(Playbook),
            result.GetValue(Host),
            StormAlerts: result.GetValue(StormAlerts));
    }
}
