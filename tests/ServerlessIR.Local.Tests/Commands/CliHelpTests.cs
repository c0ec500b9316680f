using ServerlessIR.Local.Commands;

namespace ServerlessIR.Local.Tests.Commands;

/// <summary>The help is generated from the declared options: every verb's help lists exactly what it accepts.</summary>
public sealed class CliHelpTests
{
    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await Cli.InvokeAsync(Cli.CreateRoot(), args, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("drill", new[] { "--scenario <NAME|FILE>", "--time-scale <N>", "--report-dir <DIR>", "--horizon-hours <H>", "--playbook <FILE>", "--host <local|functions>", "--all", "--storm-alerts <N>" })]
    [InlineData("serve", new[] { "--port <PORT>", "--time-scale <N>", "--playbook <FILE>", "--host <local|functions>" })]
    [InlineData("assess", new[] { "--input <FILE>", "--playbook <FILE>" })]
    [InlineData("evidence verify", new[] { "--incident <ID>", "--export <DIR>" })]
    [InlineData("evidence export", new[] { "--incident <ID>", "--out <DIR>" })]
    [InlineData("evidence register", new[] { "--out <FILE.csv>" })]
    [InlineData("bench ingest", new[] { "--alerts <N>" })]
    [InlineData("playbook check", new[] { "<FILE>" })]
    [InlineData("smoke", new[] { "--base-url <URL>", "--key <KEY>", "--wait-seconds <N>" })]
    [InlineData("fuzz", new[] { "--events <N>", "--seed <S>", "--base-url <URL>", "--key <KEY>", "--concurrency <C>", "--host <local|functions>" })]
    public async Task Invoke_VerbHelp_ListsItsOptionsOnStdout(string verb, string[] expected)
    {
        var (exit, stdout, stderr) = await RunAsync([.. verb.Split(' '), "--help"]);
        var viaHelpVerb = await RunAsync(["help", .. verb.Split(' ')]);

        Assert.Equal(0, exit);
        Assert.Empty(stderr);
        Assert.Contains($"ir {verb}", stdout, StringComparison.Ordinal);
        foreach (var option in expected)
        {
            Assert.Contains(option, stdout, StringComparison.Ordinal);
        }
        Assert.Equal((0, stdout), (viaHelpVerb.Exit, viaHelpVerb.Stdout));
    }

    [Fact]
    public async Task Invoke_DrillHelp_ShowsTheDocumentedDefaults()
    {
        var (_, stdout, _) = await RunAsync("drill", "--help");

        Assert.Contains("[default: default]", stdout, StringComparison.Ordinal);
        Assert.Contains("[default: 3600]", stdout, StringComparison.Ordinal);
        Assert.Contains("[default: 96]", stdout, StringComparison.Ordinal);
        Assert.Contains("[default: local]", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Invoke_TopLevelHelp_ListsEveryVerb(params string[] args)
    {
        var (exit, stdout, _) = await RunAsync(args);

        Assert.Equal(0, exit);
        foreach (var verb in new[] { "drill", "serve", "assess", "evidence", "bench", "playbook", "smoke", "fuzz", "help" })
        {
            Assert.Contains($"  {verb} ", stdout, StringComparison.Ordinal);
        }
    }
}
