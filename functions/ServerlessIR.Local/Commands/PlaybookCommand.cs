using System.CommandLine;
using System.CommandLine.Parsing;
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
        // Valid, but worth saying: who may decide is matched on object IDs, so a listed person without one is asked and
        // cannot answer (unless their tier's Entra group gives Graph's object ID).
        var withoutObjectId = playbook.Approvals.Tiers.SelectMany(t => t.ListedApprovers)
            .Concat(new[] { playbook.Organisation.Dpo, playbook.Organisation.SecurityContact }.OfType<Contact>().Select(c => new Core.Approvals.Approver(c.Email, c.ObjectId)))
            .Where(p => p.ObjectId is null).Select(p => p.Upn).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (withoutObjectId.Count > 0)
        {
            stdout.WriteLine($"note: no Entra object ID (objectId / approverObjectIds) for {string.Join(", ", withoutObjectId)}: they cannot decide unless their tier's Entra group lists them");
        }
        return 0;
    }
}
