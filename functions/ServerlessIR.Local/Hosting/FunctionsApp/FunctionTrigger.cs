namespace ServerlessIR.Local.Hosting.FunctionsApp;

/// <summary>The trigger kinds the local dispatch can drive; any other trigger on a <c>[Function]</c> is refused.</summary>
public enum FunctionTrigger
{
    Http,
    Orchestration,
    Activity,
    Timer,
}
