using ServerlessIR.StandIns.Salesforce;

namespace ServerlessIR.Local.Bench;

/// <summary>
/// Finds, among the calls the Salesforce stand-in received, the first one a containment step made: what
/// <c>ir bench latency</c> and the drill measure "alert answered -> first containment call" to. Token requests and the
/// relay's event-store polls are not containment.
/// </summary>
public static class FirstContainmentCall
{
    /// <summary>
    /// The first containment call at or after <paramref name="since"/>; with <paramref name="about"/>, the first whose
    /// decoded path and query contain it (an integration user's name ties a call to one AI system, so to one incident).
    /// </summary>
    public static RecordedCall? After(IEnumerable<RecordedCall> calls, DateTimeOffset since, string? about = null)
    {
        ArgumentNullException.ThrowIfNull(calls);
        return calls
            .Where(c => c.At >= since && IsContainment(c) && (about is null || Uri.UnescapeDataString(c.Path).Contains(about, StringComparison.Ordinal)))
            .OrderBy(c => c.At)
            .FirstOrDefault();
    }

    /// <summary>Whether a call is one a containment step makes (not a token request, not an event-store poll).</summary>
    public static bool IsContainment(RecordedCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Path.StartsWith("/services/", StringComparison.Ordinal)
            && !call.Path.StartsWith("/services/oauth2/token", StringComparison.Ordinal)
            && !call.Path.Contains("EventStore", StringComparison.Ordinal);
    }
}
