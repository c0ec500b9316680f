using System.CommandLine;
using ServerlessIR.Core.Assessment;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Local.Commands;

/// <summary>
/// <c>ir assess --input FILE [--playbook FILE] [--explain]</c>: breach facts in, severity and obligations out (<see cref="AssessmentJson"/>),
/// or with <c>--explain</c> the reasoning as text (<see cref="AssessmentExplainer"/>); input that cannot be used goes to stderr
/// and exits <see cref="InvalidInput"/>.
/// </summary>
internal sealed class AssessCommand : Command
{
    /// <summary>Exit code for a successful assessment.</summary>
    public const int Success = 0;

    /// <summary>Exit code for input (facts or playbook) that cannot be used; the errors go to stderr.</summary>
    public const int InvalidInput = 2;

    public AssessCommand()
        : base("assess", "Breach facts in; severity, obligations and deadlines out (JSON)")
    {
        Options.Add(Input);
        Options.Add(Playbook);
        Options.Add(Explain);
        SetAction(result => Run(result.GetRequiredValue(Input), result.GetValue(Playbook),
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, result.GetValue(Explain)));
    }

    public Option<string> Input { get; } = new("--input")
    {
        Description = "Breach facts (JSON)",
        HelpName = "FILE",
        Required = true,
    };

    public Option<string> Playbook { get; } = CliOptions.Playbook();

    public Option<bool> Explain { get; } = new("--explain")
    {
        Description = "Explain instead of JSON: why each regime applies or not, rule sources, counting steps, other readings",
    };

    /// <summary>Reads the facts (and a playbook, else the default one), assesses, and writes the JSON result to <paramref name="stdout"/>.</summary>
    internal static int Run(string inputPath, string? playbookPath, TextWriter stdout, TextWriter stderr, bool explain = false)
    {
        ArgumentNullException.ThrowIfNull(inputPath);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!File.Exists(inputPath))
        {
            stderr.WriteLine($"{inputPath}: file not found");
            return InvalidInput;
        }
        BreachFacts facts;
        Playbook playbook;
        try
        {
            facts = BreachFactsReader.Read(File.ReadAllText(inputPath));
            playbook = playbookPath is null ? PlaybookLoader.LoadDefault() : PlaybookLoader.LoadFile(playbookPath);
        }
        catch (InvalidBreachFactsException ex)
        {
            foreach (var error in ex.Errors)
            {
                stderr.WriteLine($"{inputPath}: {error}");
            }
            return InvalidInput;
        }
        catch (PlaybookLoadException ex)
        {
            stderr.WriteLine(ex.Message);
            return InvalidInput;
        }
        var result = new BreachAssessor().Assess(facts, playbook);
        if (explain)
        {
            AssessmentExplainer.Write(facts, result, RegimeCatalog.Default, stdout);
            return Success;
        }
        stdout.WriteLine(AssessmentJson.Render(result));
        return Success;
    }
}
