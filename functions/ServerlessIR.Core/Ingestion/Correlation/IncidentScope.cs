namespace ServerlessIR.Core.Ingestion.Correlation;

/// <summary>
/// What an incident's signals have told so far, as far as its assessment reads them: data categories, jurisdictions, the
/// most people, malice and the AI system. A signal that adds nothing to it cannot change the assessment, so it can join
/// without waking the incident (<see cref="IJoinLedger"/>).
/// </summary>
/// <param name="DataCategories">Every data category named by a signal.</param>
/// <param name="Jurisdictions">Every jurisdiction named by a signal.</param>
/// <param name="MaxSubjects">The largest number of people a signal named.</param>
/// <param name="Malicious">Whether any signal said the leak was malicious.</param>
/// <param name="AiSystemId">The first AI system a signal named; null while none did.</param>
public sealed record IncidentScope(
    IReadOnlyList<string> DataCategories,
    IReadOnlyList<string> Jurisdictions,
    long MaxSubjects,
    bool Malicious,
    string? AiSystemId)
{
    /// <summary>The scope the given signals make together.</summary>
    public static IncidentScope Of(IEnumerable<Signal> signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var scope = new IncidentScope([], [], 0, false, null);
        foreach (var signal in signals)
        {
            scope = scope.Including(signal);
        }
        return scope;
    }

    /// <summary>
    /// Whether <paramref name="signal"/> tells more than the scope: a new data category or jurisdiction, more people,
    /// malice where none was known, or an AI system where none was named.
    /// </summary>
    public bool Widens(Signal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return signal.DataCategories.Except(DataCategories, StringComparer.Ordinal).Any()
            || signal.Jurisdictions.Except(Jurisdictions, StringComparer.Ordinal).Any()
            || (signal.SubjectCount ?? 0) > MaxSubjects
            || (signal.Malicious && !Malicious)
            || (signal.AiSystemId is not null && AiSystemId is null);
    }

    /// <summary>The scope with <paramref name="signal"/>'s facts added.</summary>
    public IncidentScope Including(Signal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (!Widens(signal))
        {
            return this;
        }
        return new IncidentScope(
            [.. DataCategories.Union(signal.DataCategories, StringComparer.Ordinal)],
            [.. Jurisdictions.Union(signal.Jurisdictions, StringComparer.Ordinal)],
            Math.Max(MaxSubjects, signal.SubjectCount ?? 0),
            Malicious || signal.Malicious,
            AiSystemId ?? signal.AiSystemId);
    }
}
