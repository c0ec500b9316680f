using System.CommandLine;
using ServerlessIR.Local.Commands;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Tests.Commands;

/// <summary>Every command line README.md and docs/architecture.md document parses, to the values and defaults they promise.</summary>
public sealed class CliParsingTests
{
    private static ParseResult Parsed(params string[] args)
    {
        var result = Cli.Parse(args);
        Assert.True(result.Errors.Count == 0, string.Join(Environment.NewLine, result.Errors.Select(e => e.Message)));
        return result;
    }

    private static T Verb<T>(ParseResult result) where T : Command => Assert.IsType<T>(result.CommandResult.Command);

    [Fact]
    public void Parse_DrillWithoutOptions_DocumentedDefaults()
    {
        var result = Parsed("drill");

        var options = Verb<DrillCommand>(result).Bind(result);

        Assert.Equal("default", options.Scenario);
        Assert.Equal(3600, options.TimeScale);
        Assert.Null(options.ReportDir);
        Assert.Equal(96, options.HorizonHours);
        Assert.Null(options.PlaybookPath);
        Assert.Equal(PipelineHost.Local, options.Host);
    }

    [Fact]
    public void Parse_DrillWithEveryOption_TakesEachValue()
    {
        var result = Parsed("drill", "--scenario", "salesforce-anomaly", "--time-scale", "0.5", "--report-dir", "out/r", "--horizon-hours", "30",
            "--playbook", "pb.yaml", "--host", "functions");

        var options = Verb<DrillCommand>(result).Bind(result);

        Assert.Equal("salesforce-anomaly", options.Scenario);
        Assert.Equal(0.5, options.TimeScale);
        Assert.Equal("out/r", options.ReportDir);
        Assert.Equal(30, options.HorizonHours);
        Assert.Equal("pb.yaml", options.PlaybookPath);
        Assert.Equal(PipelineHost.Functions, options.Host);
    }

    [Theory]
    [InlineData("local", PipelineHost.Local)]
    [InlineData("functions", PipelineHost.Functions)]
    public void Parse_DrillHost_EachAllowedValue(string value, PipelineHost expected)
    {
        var result = Parsed("drill", "--host", value);

        Assert.Equal(expected, Verb<DrillCommand>(result).Bind(result).Host);
    }

    [Fact]
    public void Parse_DrillAllWithStormAlerts_TakesBoth()
    {
        var result = Parsed("drill", "--all", "--storm-alerts", "200");

        Assert.True(result.GetValue(Verb<DrillCommand>(result).All));
        Assert.Equal(200, Verb<DrillCommand>(result).Bind(result).StormAlerts);
    }

    [Theory]
    [InlineData("--all --scenario default", "leave out --scenario")]
    [InlineData("--storm-alerts 0", "--storm-alerts must be a positive whole number")]
    public void Parse_DrillConflictingOrBadCatalogueOptions_IsAnErrorNamingIt(string args, string expected)
    {
        var result = Cli.Parse(["drill", .. args.Split(' ')]);

        Assert.Contains(result.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_DrillScenarioFileStartingWithAt_IsAValueNotAResponseFile()
    {
        var result = Parsed("drill", "--scenario", "@scenario.json");

        Assert.Equal("@scenario.json", Verb<DrillCommand>(result).Bind(result).Scenario);
    }

    [Fact]
    public void Parse_ServeWithoutOptions_DocumentedDefaults()
    {
        var result = Parsed("serve");

        var options = Verb<ServeCommand>(result).Bind(result);

        Assert.Equal(7071, options.ApiPort);
        Assert.Equal(1, options.TimeScale);
        Assert.Equal("serverlessir", options.TaskHub);
        Assert.Null(options.PlaybookPath);
        Assert.Equal(PipelineHost.Local, options.Host);
    }

    [Fact]
    public void Parse_ServeWithEveryOption_TakesEachValue()
    {
        var result = Parsed("serve", "--port", "8080", "--time-scale", "60", "--task-hub", "hub2", "--playbook", "pb.yaml", "--host", "functions");

        var options = Verb<ServeCommand>(result).Bind(result);

        Assert.Equal(8080, options.ApiPort);
        Assert.Equal(60, options.TimeScale);
        Assert.Equal("hub2", options.TaskHub);
        Assert.Equal("pb.yaml", options.PlaybookPath);
        Assert.Equal(PipelineHost.Functions, options.Host);
    }

    [Fact]
    public void Parse_Assess_InputAndPlaybook()
    {
        var result = Parsed("assess", "--input", "facts.json", "--playbook", "pb.yaml");
        var assess = Verb<AssessCommand>(result);

        Assert.Equal("facts.json", result.GetValue(assess.Input));
        Assert.Equal("pb.yaml", result.GetValue(assess.Playbook));
    }

    [Fact]
    public void Parse_AssessWithoutPlaybook_PlaybookAbsent()
    {
        var result = Parsed("assess", "--input", "facts.json");

        Assert.Null(result.GetValue(Verb<AssessCommand>(result).Playbook));
    }

    [Theory]
    [InlineData(new[] { "evidence", "verify", "--incident", "inc-1" }, "verify", "--incident", "inc-1")]
    [InlineData(new[] { "evidence", "verify", "--export", "exp" }, "verify", "--export", "exp")]
    [InlineData(new[] { "evidence", "export", "--incident", "inc-1", "--out", "dir" }, "export", "--out", "dir")]
    [InlineData(new[] { "evidence", "export", "--incident", "inc-1", "--out", "dir" }, "export", "--incident", "inc-1")]
    [InlineData(new[] { "evidence", "register", "--out", "register.csv" }, "register", "--out", "register.csv")]
    public void Parse_Evidence_SubcommandAndValue(string[] args, string subcommand, string option, string expected)
    {
        var result = Parsed(args);

        Assert.Equal(subcommand, result.CommandResult.Command.Name);
        Assert.Equal(expected, result.GetValue<string>(option));
    }

    [Fact]
    public void Parse_BenchIngestWithoutAlerts_TenThousand()
    {
        var result = Parsed("bench", "ingest");

        Assert.Equal("ingest", result.CommandResult.Command.Name);
        Assert.Equal(10_000, result.GetValue<int>("--alerts"));
    }

    [Fact]
    public void Parse_BenchIngestAlerts_TakesTheNumber()
    {
        Assert.Equal(2000, Parsed("bench", "ingest", "--alerts", "2000").GetValue<int>("--alerts"));
    }

    [Fact]
    public void Parse_BenchEvidence_TheEvidenceBench()
    {
        var result = Parsed("bench", "evidence");

        Assert.Equal("evidence", result.CommandResult.Command.Name);
        Assert.Equal("bench", result.CommandResult.Command.Parents.OfType<Command>().Single().Name);
    }

    [Fact]
    public void Parse_BenchLatencyWithoutOptions_HundredIncidentsTenAtOnce()
    {
        var result = Parsed("bench", "latency");

        Assert.Equal("latency", result.CommandResult.Command.Name);
        Assert.Equal(100, result.GetValue<int>("--incidents"));
        Assert.Equal(10, result.GetValue<int>("--concurrency"));
        Assert.Equal(PipelineHost.Local, result.GetValue<PipelineHost>("--host"));
    }

    [Fact]
    public void Parse_BenchLatencyWithEveryOption_TakesEachValue()
    {
        var result = Parsed("bench", "latency", "--incidents", "5", "--concurrency", "2", "--host", "functions");

        Assert.Equal(5, result.GetValue<int>("--incidents"));
        Assert.Equal(2, result.GetValue<int>("--concurrency"));
        Assert.Equal(PipelineHost.Functions, result.GetValue<PipelineHost>("--host"));
    }

    [Fact]
    public void Parse_BenchPipelineWithoutOptions_TwentyIncidentsThirtyDayClock()
    {
        var result = Parsed("bench", "pipeline");

        Assert.Equal("pipeline", result.CommandResult.Command.Name);
        Assert.Equal(20, result.GetValue<int>("--incidents"));
        Assert.Equal(720, result.GetValue<double>("--horizon-hours"));
        Assert.Equal(2, result.GetValue<int>("--warmup"));
    }

    [Fact]
    public void Parse_BenchPipelineWithEveryOption_TakesEachValue()
    {
        var result = Parsed("bench", "pipeline", "--incidents", "3", "--horizon-hours", "24.5", "--warmup", "0", "--host", "functions");

        Assert.Equal(3, result.GetValue<int>("--incidents"));
        Assert.Equal(0, result.GetValue<int>("--warmup"));
        Assert.Equal(24.5, result.GetValue<double>("--horizon-hours"));
        Assert.Equal(PipelineHost.Functions, result.GetValue<PipelineHost>("--host"));
    }

    [Fact]
    public void Parse_PlaybookCheckWithAndWithoutFile_FileOptional()
    {
        Assert.Null(Parsed("playbook", "check").GetValue<string?>("FILE"));
        Assert.Equal("my.yaml", Parsed("playbook", "check", "my.yaml").GetValue<string?>("FILE"));
    }

    [Fact]
    public void Parse_Smoke_UrlKeyAndWait()
    {
        var result = Parsed("smoke", "--base-url", "https://app.example.net", "--key", "k1", "--wait-seconds", "300");
        var smoke = Verb<SmokeCommand>(result);

        Assert.Equal(new Uri("https://app.example.net/"), result.GetValue(smoke.BaseUrl));
        Assert.Equal("k1", result.GetValue(smoke.Key));
        Assert.Equal(300, result.GetValue(smoke.WaitSeconds));
    }

    [Fact]
    public void Parse_SmokeWithoutKeyOrWait_KeyAbsentAndNoWait()
    {
        var result = Parsed("smoke", "--base-url", "http://127.0.0.1:7071");
        var smoke = Verb<SmokeCommand>(result);

        Assert.Null(result.GetValue(smoke.Key));
        Assert.Equal(0, result.GetValue(smoke.WaitSeconds));
    }

    [Theory]
    [InlineData("help")]
    [InlineData("help", "drill")]
    [InlineData("help", "evidence", "verify")]
    public void Parse_Help_TheHelpVerb(params string[] args)
    {
        Assert.IsType<HelpCommand>(Parsed(args).CommandResult.Command);
    }
}
