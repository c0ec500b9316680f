using System.CommandLine;
using System.CommandLine.Parsing;
using ServerlessIR.Core;
using ServerlessIR.Core.Assessment;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Local.Commands;

/// <summary>
/// <c>ir playbook check [FILE] [--catalog FILE]</c>: loads and validates a playbook (the default one without FILE), and checks
/// that every regime of the catalog (the built-in one without --catalog) has its notice: a template in
/// notification-templates/ or <c>manual: true</c> with a reason.
/// </summary>
internal sealed class PlaybookCommand : Command
{
    public PlaybookCommand()
        : base("playbook", "Playbook tools")
    {
        var check = new Command("check", "Validate a playbook and the regime catalog's notices; exits 2 with the problems when either is not valid");
        check.Arguments.Add(File);
        check.Options.Add(Catalog);
        check.SetAction(result => Check(result.GetValue(File), result.GetValue(Catalog), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        Subcommands.Add(check);
    }

    public Argument<string?> File { get; } = new("FILE")
    {
        Description = "Playbook YAML [default: the built-in playbook]",
        Arity = ArgumentArity.ZeroOrOne,
        // The parser hands a word it does not know to an argument that can take it, so "--strict" would be read as a file.
        Validators = { RejectOptionLikeWord },
    };

    public Option<string?> Catalog { get; } = new("--catalog")
    {
        Description = "Regime catalog JSON to check [default: the built-in catalog]",
        HelpName = "FILE",
    };

    private static void RejectOptionLikeWord(ArgumentResult result)
    {
        if (result.Tokens is [{ Value: var word }] && word.StartsWith('-'))
        {
            result.AddError($"Unrecognized command or argument '{word}'.");
        }
    }

    private static int Check(string? path, string? catalogPath, TextWriter stdout, TextWriter stderr)
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
        // Valid, but worth saying: who may decide is matched on object IDs, so a listed person without one is asked and
        // cannot answer (unless their tier's Entra group gives Graph's object ID).
        var withoutObjectId = playbook.Approvals.Tiers.SelectMany(t => t.ListedApprovers)
            .Concat(new[] { playbook.Organisation.Dpo, playbook.Organisation.SecurityContact }.OfType<Contact>().Select(c => new Core.Approvals.Approver(c.Email, c.ObjectId)))
            .Where(p => p.ObjectId is null).Select(p => p.Upn).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (withoutObjectId.Count > 0)
        {
            stdout.WriteLine($"note: no Entra object ID (objectId / approverObjectIds) for {string.Join(", ", withoutObjectId)}: they cannot decide unless their tier's Entra group lists them");
        }
        RegimeCatalog catalog;
        try
        {
            catalog = catalogPath is null ? RegimeCatalog.Default : RegimeCatalog.Parse(System.IO.File.ReadAllText(catalogPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException)
        {
            stderr.WriteLine($"{catalogPath}: not a valid regime catalog: {ex.Message}");
            return 2;
        }
        var problems = catalog.NoticeProblems(NoticeRenderer.FromDefaultLocation().TemplateNames);
        foreach (var problem in problems)
        {
            stderr.WriteLine($"{catalogPath ?? "regime catalog"}: {problem}");
        }
        if (problems.Count > 0)
        {
            return 2;
        }
        var manual = catalog.Regimes.Where(r => r.Manual).ToList();
        stdout.WriteLine($"{catalogPath ?? "regime catalog"}: every regime has a notice ({catalog.Regimes.Count - manual.Count} drafted from templates, {manual.Count} written by hand)");
        foreach (var regime in manual)
        {
            stdout.WriteLine($"  manual {regime.Id}: {regime.ManualReason}");
        }
        return 0;
    }
}
