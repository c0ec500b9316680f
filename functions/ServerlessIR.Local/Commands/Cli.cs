using System.CommandLine;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Local.Evidence;

namespace ServerlessIR.Local.Commands;

/// <summary>
/// The <c>ir</c> command: its verbs and their options (docs/architecture.md lists them as a contract), parsed by System.CommandLine.
/// Every verb declares its options; an unknown option or a bad value prints the error and that verb's help and exits 2.
/// </summary>
/// <remarks>Exit codes: 0 success, 1 the command ran and failed (a check, a verification), 2 usage error, 130 interrupted.</remarks>
public static class Cli
{
    /// <summary>Exit code of a command line that cannot be run: unknown verb or option, bad or missing value.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code after Ctrl-C or SIGTERM, as a shell reports a process stopped by SIGINT.</summary>
    public const int Interrupted = 130;

    // No response files: "@name" is an ordinary value here (a scenario or file name), as it always was.
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

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
        return await InvokeAsync(CreateRoot(), args, stdout, stderr, cancel.Token);
    }

    /// <summary>The whole command tree; a new one per call, since options are bound to the tree they belong to.</summary>
    public static Command CreateRoot()
    {
        var root = Root(
            new DrillCommand(),
            new ServeCommand(),
            new AssessCommand(),
            EvidenceCommand.Create(LocalStorageCommands.WithStorageAsync),
            new BenchCommand(),
            new PlaybookCommand(),
            new SmokeCommand(),
            new ExerciseCommand(),
            new RetentionCommand(),
            new FuzzCommand(),
            new HelpCommand());
        // A bare `ir` prints the help and succeeds, as it always did.
        root.SetAction(result => WriteHelp([], result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return root;
    }

    /// <summary>
    /// A root named <c>ir</c> over <paramref name="verbs"/>. Not a <see cref="RootCommand"/>: that one is named after the
    /// process (<c>dotnet</c>, <c>testhost</c>) and adds --version and directives the contract does not have.
    /// </summary>
    internal static Command Root(params Command[] verbs)
    {
        var root = new Command("ir", "ir - ServerlessIR on this machine") { Options = { new System.CommandLine.Help.HelpOption() } };
        foreach (var verb in verbs)
        {
            root.Subcommands.Add(verb);
        }
        return root;
    }

    /// <summary>Parses a command line of <c>ir</c> without running it.</summary>
    public static ParseResult Parse(IReadOnlyList<string> args) => CreateRoot().Parse(args, Parsing);

    /// <summary>Parses and runs <paramref name="args"/> against <paramref name="root"/>: usage errors end here with exit code 2.</summary>
    public static async Task<int> InvokeAsync(Command root, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var result = root.Parse(args, Parsing);
        if (result.Errors.Count > 0)
        {
            return UsageFailure(result, result.Errors.Select(e => e.Message), stderr);
        }
        try
        {
            return await result.InvokeAsync(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                // Exceptions reach the handlers below (and a crash stays a crash); Ctrl-C is handled by the caller's token,
                // so the pipeline gets all the time it needs to shut down what it started.
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            }, cancellationToken);
        }
        catch (UsageException ex)
        {
            return UsageFailure(result, [ex.Message], stderr);
        }
        catch (PlaybookLoadException ex)
        {
            await stderr.WriteLineAsync(ex.Message);
            return UsageError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Interrupted;
        }
    }

    /// <summary>Writes the generated help of the command at <paramref name="path"/> (the whole <c>ir</c> when empty).</summary>
    internal static int WriteHelp(IReadOnlyList<string> path, TextWriter output, TextWriter error)
    {
        var root = CreateRoot();
        // Each word must name a subcommand: with --help after it the parser would let an unknown word pass.
        Command command = root;
        foreach (var word in path)
        {
            if (command.Subcommands.FirstOrDefault(c => c.Name == word) is not { } next)
            {
                return UsageFailure(root.Parse(path, Parsing), [$"Unknown command '{string.Join(' ', path)}'."], error);
            }
            command = next;
        }
        root.Parse([.. path, "--help"], Parsing).Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        return 0;
    }

    private static int UsageFailure(ParseResult result, IEnumerable<string> messages, TextWriter stderr)
    {
        foreach (var message in messages)
        {
            stderr.WriteLine(message);
        }
        stderr.WriteLine();
        var help = result.RootCommandResult.Command.Parse([.. CommandPath(result), "--help"], Parsing);
        help.Invoke(new InvocationConfiguration { Output = stderr, Error = stderr, EnableDefaultExceptionHandler = false });
        return UsageError;
    }

    // The verb (and sub-verb) the command line reached, e.g. ["evidence", "verify"], so its help is the one printed.
    private static List<string> CommandPath(ParseResult result)
    {
        var path = new List<string>();
        for (var command = result.CommandResult; command.Parent is System.CommandLine.Parsing.CommandResult parent; command = parent)
        {
            path.Insert(0, command.Command.Name);
        }
        return path;
    }
}
