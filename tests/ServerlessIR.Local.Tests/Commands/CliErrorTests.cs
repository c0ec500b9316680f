using ServerlessIR.Local.Commands;

namespace ServerlessIR.Local.Tests.Commands;

/// <summary>
/// What a wrong command line gets: exit code 2, the problem naming the option, and the help of the verb it was meant for;
/// nothing runs (none of these reaches Azurite or the pipeline).
/// </summary>
public sealed class CliErrorTests
{
    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await Cli.InvokeAsync(Cli.CreateRoot(), args, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("drill", "drill", "--bogus")]
    [InlineData("drill", "drill", "--time-scale", "60", "--all-scenarios")]
    [InlineData("serve", "serve", "--prot", "8080")]
    [InlineData("assess", "assess", "--input", "facts.json", "--explain-it")]
    [InlineData("evidence verify", "evidence", "verify", "--incident", "inc-1", "--bogus")]
    [InlineData("evidence export", "evidence", "export", "--incident", "inc-1", "--out", "dir", "--bogus")]
    [InlineData("evidence register", "evidence", "register", "--out", "r.csv", "--bogus")]
    [InlineData("bench ingest", "bench", "ingest", "--bogus")]
    [InlineData("bench evidence", "bench", "evidence", "--bogus")]
    [InlineData("bench latency", "bench", "latency", "--bogus")]
    [InlineData("bench pipeline", "bench", "pipeline", "--bogus")]
    [InlineData("playbook check", "playbook", "check", "--bogus")]
    [InlineData("smoke", "smoke", "--base-url", "http://127.0.0.1:7071", "--key", "k", "--bogus")]
    public async Task Invoke_UnknownOption_Exit2NamingTheOptionWithTheVerbsHelp(string verb, params string[] args)
    {
        var unknown = args.Last(a => a.StartsWith("--", StringComparison.Ordinal));

        var (exit, stdout, stderr) = await RunAsync(args);

        Assert.Equal(Cli.UsageError, exit);
        Assert.Contains($"'{unknown}'", stderr, StringComparison.Ordinal);
        Assert.Contains($"Usage:{Environment.NewLine}  ir {verb} [", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task Invoke_UnknownVerb_Exit2WithTheCommandList()
    {
        var (exit, _, stderr) = await RunAsync("dril");

        Assert.Equal(Cli.UsageError, exit);
        Assert.Contains("'dril'", stderr, StringComparison.Ordinal);
        Assert.Contains("drill", stderr.Split("Commands:")[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_StrayWord_Exit2NamingIt()
    {
        var (exit, _, stderr) = await RunAsync("drill", "functions");

        Assert.Equal(Cli.UsageError, exit);
        Assert.Contains("'functions'", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--time-scale", "drill", "--time-scale", "abc")]
    [InlineData("--time-scale", "drill", "--time-scale", "0")]
    [InlineData("--time-scale", "drill", "--time-scale", "2000000")]
    [InlineData("--horizon-hours", "drill", "--horizon-hours", "soon")]
    [InlineData("--host", "drill", "--host", "azure")]
    [InlineData("--port", "serve", "--port", "x")]
    [InlineData("--port", "serve", "--port", "70.5")]
    [InlineData("--time-scale", "serve", "--time-scale", "fast")]
    [InlineData("--host", "serve", "--host", "Functions")]
    [InlineData("--alerts", "bench", "ingest", "--alerts", "many")]
    [InlineData("--wait-seconds", "smoke", "--base-url", "http://127.0.0.1:7071", "--key", "k", "--wait-seconds", "1m")]
    [InlineData("--base-url", "smoke", "--base-url", "ftp://example.net", "--key", "k")]
    public async Task Invoke_BadValue_Exit2NamingTheOption(string option, params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync(args);

        Assert.Equal(Cli.UsageError, exit);
        Assert.Contains(option, stderr.Split(Environment.NewLine)[0], StringComparison.Ordinal);
        Assert.Contains("Usage:", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Theory]
    [InlineData("--time-scale", "drill", "--time-scale")]
    [InlineData("--input", "assess")]
    [InlineData("--base-url", "smoke", "--key", "k")]
    [InlineData("--out", "evidence", "export", "--incident", "inc-1")]
    [InlineData("--out", "evidence", "register")]
    public async Task Invoke_MissingValueOrRequiredOption_Exit2NamingTheOption(string option, params string[] args)
    {
        var (exit, _, stderr) = await RunAsync(args);

        Assert.Equal(Cli.UsageError, exit);
        Assert.Contains(option, stderr.Split(Environment.NewLine)[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evidence", "verify")]
    [InlineData("evidence", "verify", "--incident", "inc-1", "--export", "dir")]
    public async Task Invoke_EvidenceVerifyWithoutExactlyOneSource_Exit2(params string[] args)
    {
        var (exit, _, stderr) = await RunAsync(args);

        Assert.Equal(Cli.UsageError, exit);
        Assert.Contains("--incident ID or --export DIR", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evidence")]
    [InlineData("bench")]
    [InlineData("playbook")]
    public async Task Invoke_GroupWithoutSubcommand_Exit2ListingTheSubcommands(string group)
    {
        var (exit, _, stderr) = await RunAsync(group);

        Assert.Equal(Cli.UsageError, exit);
        Assert.Contains($"ir {group} [command]", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_BenchIngestTooFewAlerts_Exit2BeforeAnyWork()
    {
        var (exit, stdout, stderr) = await RunAsync("bench", "ingest", "--alerts", "5");

        Assert.Equal(Cli.UsageError, exit);
        Assert.StartsWith("--alerts must be at least 1000", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task Invoke_SmokeWithoutAnyKey_Exit2NamingBothWaysToGiveIt()
    {
        var saved = Environment.GetEnvironmentVariable("SERVERLESSIR_WEBHOOK_KEY");
        Environment.SetEnvironmentVariable("SERVERLESSIR_WEBHOOK_KEY", null);
        try
        {
            var (exit, _, stderr) = await RunAsync("smoke", "--base-url", "http://127.0.0.1:9");

            Assert.Equal(Cli.UsageError, exit);
            Assert.Contains("--key KEY or SERVERLESSIR_WEBHOOK_KEY", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SERVERLESSIR_WEBHOOK_KEY", saved);
        }
    }

    [Fact]
    public async Task Invoke_HelpOfAnUnknownCommand_Exit2()
    {
        var (exit, _, stderr) = await RunAsync("help", "frobnicate");

        Assert.Equal(Cli.UsageError, exit);
        Assert.Contains("Unknown command 'frobnicate'", stderr, StringComparison.Ordinal);
    }
}
