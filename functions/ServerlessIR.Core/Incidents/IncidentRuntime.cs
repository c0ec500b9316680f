namespace ServerlessIR.Core.Incidents;

/// <summary>
/// How the host runs incidents: host configuration, never a field of an incoming event, so an alert cannot shorten a legal clock.
/// </summary>
/// <param name="TimeScale">Incident seconds per real second (1 in production; the Azure Functions app always uses 1).</param>
/// <param name="HorizonHours">A drill stops waiting after this many incident hours; null waits for every obligation.</param>
/// <param name="HumanWaitFloorSeconds">The least real time a person gets to answer, whatever the scale.</param>
public sealed record IncidentRuntime(double TimeScale = 1, double? HorizonHours = null, double HumanWaitFloorSeconds = 5)
{
    /// <summary>Production settings: real time, no horizon.</summary>
    public static IncidentRuntime Production { get; } = new();
}
