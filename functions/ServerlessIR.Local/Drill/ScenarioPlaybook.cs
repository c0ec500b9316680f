using System.Text;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Local.Drill;

/// <summary>
/// The playbook a scenario runs under: the given (or default) playbook with the scenario's own AI systems added, written to a
/// temporary file the pipeline loads and checks against the playbook schema like any other.
/// </summary>
public static class ScenarioPlaybook
{
    private const string Section = "aiSystems:\n";

    /// <summary>The playbook path to run <paramref name="scenario"/> with: <paramref name="playbookPath"/> itself when the
    /// scenario adds no AI system.</summary>
    public static string? Write(Scenario scenario, string? playbookPath, string run)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.AiSystems is not { Count: > 0 } systems)
        {
            return playbookPath;
        }
        var yaml = (playbookPath is null ? PlaybookLoader.DefaultYaml : File.ReadAllText(playbookPath)).ReplaceLineEndings("\n");
        if (!yaml.Contains(Section, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Scenario {scenario.Name} adds AI systems, but the playbook has no top-level '{Section.Trim()}' section to add them to.");
        }
        // JSON is YAML's flow style, so each system goes in as written in the scenario.
        var added = new StringBuilder(Section);
        foreach (var system in systems)
        {
            added.Append("  - ").Append(system?.ToJsonString()).Append('\n');
        }
        var path = Path.Combine(Path.GetTempPath(), $"ir-scenario-{scenario.Name}-{run}.playbook.yaml");
        File.WriteAllText(path, yaml.Replace(Section, added.ToString(), StringComparison.Ordinal));
        return path;
    }
}
