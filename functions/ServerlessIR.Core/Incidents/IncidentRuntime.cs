namespace ServerlessIR.Core.Incidents;

/// <summary>
/// How the host runs incidents: host configuration, never a field of an incoming event, so an alert cannot shorten a legal clock.
/// </summary>
/// <param name="TimeScale">Incident seconds per real second (1 in production; the Azure Functions app always uses 1).</param>
/// <param name="HorizonHours">A drill stops waiting after this many incident hours; null waits for every obligation.</param>
/// <param name="HumanWaitFloorSeconds">The least real time a person gets to answer, whatever the scale.</param>
/// <param name="AwaitClosure">
/// When the clocks are done the incident stays open for its tasks and its post-incident review until a person closes it
/// (docs/lifecycle.md); without it the orchestration ends <c>Contained</c> there, as before closure existed.
/// </param>
/// <param name="HistoryEventsPerGeneration">
/// In the clock watch and the closure wait, the orchestration continues as new once its generation has written about this
/// many history events (<see cref="HistoryBudget"/>), so an alert storm or a weeks-long wait never grows the history every
/// turn replays; zero or less never continues as new. Zero is also what an instance started before this setting existed
/// reads from its stored input, so an incident already running when this ships replays as it was written; hosts give new
/// incidents <see cref="DefaultHistoryEventsPerGeneration"/>.
/// </param>
public sealed record IncidentRuntime(
    double TimeScale = 1,
    double? HorizonHours = null,
    double HumanWaitFloorSeconds = 5,
    bool AwaitClosure = false,
    int HistoryEventsPerGeneration = 0)
{
    /// <summary>
    /// The default history budget of a generation: a calm incident writes about 560 events in all (docs/performance.md;
    /// about 800 before the journal), so only a storm or a long wait reaches it.
    /// </summary>
    public const int DefaultHistoryEventsPerGeneration = 600;

    /// <summary>Production settings: real time, no horizon, and an incident stays open until a person closes it with its review.</summary>
    public static IncidentRuntime Production { get; } = new(AwaitClosure: true, HistoryEventsPerGeneration: DefaultHistoryEventsPerGeneration);
}
