using System.CommandLine;
using System.CommandLine.Parsing;
using ServerlessIR.Core;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Local.Commands;

/// <summary><c>ir playbook check [FILE]</c>: loads and validates a playbook (the default one without FILE).</summary>
internal sealed class PlaybookCommand : Command
{
    public PlaybookCommand()
        : base("playbook", "Playbook tools")
    {
        var check = new Command("check", "Validate a playbook; exits 2 with the problems when it is not valid");
        check.Arguments.Add(File);
        check.SetAction(result => Check(result.GetValue(File), result.InvocationConfiguration.Output));
        Subcommands.Add(check);
    }

    public Argument<string?> File { get; } = new("FILE")
    {
        Description = "Playbook YAML [default: the built-in playbook]",
        Arity = ArgumentArity.ZeroOrOne,
        // The parser hands a word it does not know to an argument that can take it, so "--strict" would be read as a file.
        Validators = { RejectOptionLikeWord },
    };

    private static void RejectOptionLikeWord(ArgumentResult result)
    {
        if (result.Tokens is [{ Value: var word }] && word.StartsWith('-'))
        {
            result.AddError($"Unrecognized command or argument '{word}'.");
        }
    }

    private static int Check(string? path, TextWriter stdout)
    {
        var playbook = path is null ? PlaybookLoader.LoadDefault() : PlaybookLoader.LoadFile(path);
        stdout.WriteLine($"{path ?? PlaybookLoader.DefaultName}: valid ({playbook.AiSystems.Count} AI systems, {playbook.Salesforce.Orgs.Count} org(s))");
        stdout.WriteLine("  alert sources: " + string.Join(", ", playbook.Ingestion.AlertSources.Select(a =>
            $"{a.Name} ({WireNames.Of(a.Kind)}{(a.Sources.Count == 0 ? "" : " " + string.Join("|", a.Sources))}): {WireNames.Of(a.Trust)}")));
        var containment = playbook.Containment;
        stdout.WriteLine($"  automation budget: {containment.Budget.PerIncident} per incident, {containment.Budget.PerDay} per day; kill switch {(containment.KillSwitch ? "ON" : "off")}");
        foreach (var step in containment.Steps.Where(s => s.Irreversible || s.CustomerFacing))
        {
            var harm = string.Join(", ", new[] { step.Irreversible ? "irreversible" : null, step.CustomerFacing ? "customer-facing" : null }.OfType<string>());
            stdout.WriteLine($"  {step.Action}: {harm}; asks for untrusted sources; silence after the last tier: {(step.DefaultAfterLastTier is { } d ? WireNames.Of(d) : step.Irreversible ? "hold" : "the severity default")}");
        }
        return 0;
    }
}
