using System.CommandLine;

namespace ServerlessIR.Local.Commands;

/// <summary><c>ir help [COMMAND...]</c>: the generated help of the whole command or of one verb (as <c>ir VERB --help</c>).</summary>
internal sealed class HelpCommand : Command
{
    public HelpCommand()
        : base("help", "Show help for ir or for one command, e.g. ir help drill")
    {
        Arguments.Add(Path);
        SetAction(result => Cli.WriteHelp(result.GetValue(Path) ?? [], result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
    }

    public Argument<string[]> Path { get; } = new("COMMAND")
    {
        Description = "A command, e.g. drill or evidence verify",
        Arity = ArgumentArity.ZeroOrMore,
    };
}
