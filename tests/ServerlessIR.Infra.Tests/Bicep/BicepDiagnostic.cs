namespace ServerlessIR.Infra.Tests.Bicep;

/// <summary>One Warning, Error or Info line printed by the Bicep CLI.</summary>
/// <param name="Level">Warning, Error or Info.</param>
/// <param name="Code">The rule or compiler code, e.g. <c>BCP081</c> or <c>no-unused-params</c>.</param>
/// <param name="Line">The whole line as printed.</param>
public sealed record BicepDiagnostic(string Level, string Code, string Line)
{
    public override string ToString() => Line;
}
