namespace ServerlessIR.Local.Drill;

/// <summary>
/// Checkout traffic the drill runs against the AI features of <see cref="AiSystems"/> while the incident runs: each request
/// asks the owning service (the stand-in) which mode serves checkout and, in the fallback mode, whether the fallback answers.
/// </summary>
public sealed record ScenarioCheckoutTraffic(IReadOnlyList<string> AiSystems, double RequestsPerSecond = 5);
