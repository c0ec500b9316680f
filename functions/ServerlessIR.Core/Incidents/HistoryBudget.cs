namespace ServerlessIR.Core.Incidents;

/// <summary>
/// How much durable history one generation of an incident's orchestration has written, estimated from its own counts (the
/// SDK does not tell an orchestrator its history length), and whether it is time to continue as new
/// (docs/performance.md#bounded-histories).
/// </summary>
/// <remarks>
/// Pure and deterministic: the counts are kept by the orchestrator as it asks for work, so every replay reaches the same
/// estimate at the same point. The weights are the engine's: an activity writes about four history events (scheduled,
/// completed, and the turn's started and completed markers), a timer two (created, fired), an external event one.
/// </remarks>
/// <param name="eventsPerGeneration">The estimate at which the generation is spent; zero or less never spends it.</param>
public sealed class HistoryBudget(int eventsPerGeneration)
{
    /// <summary>History events an activity costs.</summary>
    public const int EventsPerActivity = 4;

    /// <summary>History events a durable timer costs.</summary>
    public const int EventsPerTimer = 2;

    /// <summary>History events an external event costs.</summary>
    public const int EventsPerEvent = 1;

    /// <summary>The limit this budget was made with.</summary>
    public int EventsPerGeneration { get; } = eventsPerGeneration;

    /// <summary>Activities asked for in this generation.</summary>
    public int Activities { get; private set; }

    /// <summary>Durable timers set in this generation.</summary>
    public int Timers { get; private set; }

    /// <summary>External events taken in this generation.</summary>
    public int Events { get; private set; }

    /// <summary>The history events this generation has written, estimated.</summary>
    public int Estimate => Activities * EventsPerActivity + Timers * EventsPerTimer + Events * EventsPerEvent;

    /// <summary>Whether the generation has written as much history as it may.</summary>
    public bool Spent => EventsPerGeneration > 0 && Estimate >= EventsPerGeneration;

    public void Activity() => Activities++;

    public void Timer() => Timers++;

    public void Event() => Events++;
}
