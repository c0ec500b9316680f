using System.Text.RegularExpressions;

namespace ServerlessIR.Infra.Tests.Bicep;

/// <summary>What one Bicep CLI invocation printed and returned.</summary>
public sealed partial record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>
    /// Every Warning/Error/Info diagnostic line. The CLI exits 0 on warnings, so callers must
    /// look at these rather than at the exit code alone.
    /// </summary>
    public IReadOnlyList<BicepDiagnostic> Diagnostics =>
        (StandardError + "\n" + StandardOutput)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => (line, match: DiagnosticLine().Match(line)))
            .Where(x => x.match.Success)
            .Select(x => new BicepDiagnostic(x.match.Groups["level"].Value, x.match.Groups["code"].Value, x.line))
            .ToList();

    /// <summary>Warnings and errors only: what a clean template must not have.</summary>
    public IReadOnlyList<BicepDiagnostic> Problems =>
        Diagnostics.Where(d => d.Level is "Warning" or "Error").ToList();

    // "/path/main.bicep(12,3) : Warning no-unused-params: ..." and also bare "Error BCP...: ..." lines.
    [GeneratedRegex(@"(^|\)\s*:\s*)(?<level>Warning|Error|Info)\s+(?<code>[A-Za-z0-9-]+)\s*:", RegexOptions.CultureInvariant)]
    private static partial Regex DiagnosticLine();
}
