using System.Globalization;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Adapters.Incidents;

/// <summary>
/// How the host runs new incidents (section <c>ServerlessIR:IncidentRuntime</c>, bound by the local host): host
/// configuration, never a field of an incoming event, so an alert cannot shorten a legal clock. The Functions app never
/// binds it and always runs in real time.
/// </summary>
public sealed class IncidentRuntimeOptions
{
    public const string SectionName = "ServerlessIR:IncidentRuntime";

    /// <summary>Incident seconds per real second (1: real time).</summary>
    public double TimeScale { get; set; } = IncidentRuntime.Production.TimeScale;

    /// <summary>A drill stops waiting after this many incident hours; null waits for every obligation.</summary>
    public double? HorizonHours { get; set; } = IncidentRuntime.Production.HorizonHours;

    /// <summary>The least real time a person gets to answer, whatever the scale.</summary>
    public double HumanWaitFloorSeconds { get; set; } = IncidentRuntime.Production.HumanWaitFloorSeconds;

    /// <summary>Whether an incident whose clocks are done waits for its review and closure (docs/lifecycle.md).</summary>
    public bool AwaitClosure { get; set; } = IncidentRuntime.Production.AwaitClosure;

    /// <summary>History events a generation writes before the clock watch or the closure wait continues as new (0: never).</summary>
    public int HistoryEventsPerGeneration { get; set; } = IncidentRuntime.Production.HistoryEventsPerGeneration;

    /// <summary>The runtime a new incident is given.</summary>
    public IncidentRuntime ToRuntime() => new(TimeScale, HorizonHours, HumanWaitFloorSeconds, AwaitClosure, HistoryEventsPerGeneration);

    /// <summary>Takes every value of <paramref name="runtime"/>: for a host that decides the runtime in code.</summary>
    public void Use(IncidentRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        TimeScale = runtime.TimeScale;
        HorizonHours = runtime.HorizonHours;
        HumanWaitFloorSeconds = runtime.HumanWaitFloorSeconds;
        AwaitClosure = runtime.AwaitClosure;
        HistoryEventsPerGeneration = runtime.HistoryEventsPerGeneration;
    }

    /// <summary>The configuration keys that set <paramref name="runtime"/> under <see cref="SectionName"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(IncidentRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        yield return new($"{SectionName}:{nameof(TimeScale)}", runtime.TimeScale.ToString(CultureInfo.InvariantCulture));
        yield return new($"{SectionName}:{nameof(HumanWaitFloorSeconds)}", runtime.HumanWaitFloorSeconds.ToString(CultureInfo.InvariantCulture));
        yield return new($"{SectionName}:{nameof(AwaitClosure)}", runtime.AwaitClosure ? "true" : "false");
        yield return new($"{SectionName}:{nameof(HistoryEventsPerGeneration)}", runtime.HistoryEventsPerGeneration.ToString(CultureInfo.InvariantCulture));
        if (runtime.HorizonHours is { } horizon)
        {
            yield return new($"{SectionName}:{nameof(HorizonHours)}", horizon.ToString(CultureInfo.InvariantCulture));
        }
    }
}
