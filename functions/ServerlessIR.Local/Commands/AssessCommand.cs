using System.CommandLine;

namespace ServerlessIR.Local.Commands;

/// <summary><c>ir assess --input FILE [--playbook FILE]</c>: the command line of <see cref="Core.Assessment.AssessCommand"/>.</summary>
internal sealed class AssessCommand : Command
{
    public AssessCommand()
        : base("assess", "Breach facts in; severity, obligations and deadlines out (JSON)")
    {
        Options.Add(Input);
        Options.Add(Playbook);
        SetAction(result => Core.Assessment.AssessCommand.Run(result.GetRequiredValue(Input), result.GetValue(Playbook),
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
    }

    public Option<string> Input { get; } = new("--input")
    {
        Description = "Breach facts (JSON)",
        HelpName = "FILE",
        Required = true,
    };

    public Option<string> Playbook { get; } = CliOptions.Playbook();
}
