using System.Globalization;

namespace ServerlessIR.Core.Ingestion.Correlation;

/// <summary>
/// Which incident a signal belongs to: its correlation keys, the ID a new incident gets, and what an incident found
/// under a key means for the signal. Pure rules; the index they are applied to is an <see cref="ICorrelationIndex"/>.
/// </summary>
/// <remarks>
/// The AI system key wins over the principal key: an incident is about one AI system's leak, and a principal (an
/// integration user) seen in two AI systems' incidents joins the one its AI system names.
/// </remarks>
public static class CorrelationRules
{
    /// <summary>The correlation keys of a signal, strongest first.</summary>
    public static IReadOnlyList<string> Keys(Signal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (SmokeTestSource.IsSmoke(signal))
        {
            // Each smoke test is its own incident: it never joins a real one, and no real signal can join it.
            return [$"smoke:{signal.Id}"];
        }
        var keys = new List<string>();
        if (signal.AiSystemId is not null)
        {
            keys.Add($"ai:{signal.AiSystemId}");
        }
        if (signal.PrincipalPseudonym is not null)
        {
            keys.Add($"principal:{signal.OrgId}/{signal.PrincipalPseudonym}");
        }
        if (keys.Count == 0)
        {
            // Nothing names who or what: one incident per org (or source) and kind within the window.
            keys.Add(signal.OrgId is not null ? $"org:{signal.OrgId}/{signal.Kind}" : $"source:{signal.Source}/{signal.Kind}");
        }
        // An exercise never joins a real incident, and no real signal joins an exercise: their keys live apart.
        return signal.Exercise ? [.. keys.Select(k => "exercise:" + k)] : keys;
    }

    /// <summary>A readable incident ID that a redelivery of the same event derives again.</summary>
    public static string IncidentIdFor(IncomingEvent incoming, Signal signal)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(signal);
        var prefix = SmokeTestSource.IsSmoke(signal) ? SmokeTestSource.IncidentIdPrefix
            : signal.Exercise ? ExerciseEvents.IncidentIdPrefix
            : "inc-";
        return $"{prefix}{signal.OccurredAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{incoming.DedupeKey[..10]}";
    }

    /// <summary>What the incident found under one of a signal's keys means for the signal.</summary>
    /// <param name="instance">Where the incident's orchestration is.</param>
    /// <param name="openedAt">When the key was pointed at the incident (real time).</param>
    /// <param name="now">Now (real time).</param>
    /// <param name="window">Signals within this time of the incident's opening join it (real time: alerts arrive in real time even in a drill).</param>
    /// <param name="claimTimeout">How long a key claimed for an incident whose orchestration has not started yet is its opener's.</param>
    public static CorrelationDecision Decide(IncidentInstanceState instance, DateTimeOffset openedAt, DateTimeOffset now, TimeSpan window, TimeSpan claimTimeout)
    {
        if (instance == IncidentInstanceState.Missing && now - openedAt < claimTimeout)
        {
            // Another delivery claimed this key a moment ago and is starting its orchestration: wait and join it,
            // rather than taking the key over and opening a second incident.
            return CorrelationDecision.WaitForOpener;
        }
        if (instance == IncidentInstanceState.Running && now - openedAt <= window)
        {
            return CorrelationDecision.Join;
        }
        return instance == IncidentInstanceState.Ended ? CorrelationDecision.FollowEnded : CorrelationDecision.Ignore;
    }
}
