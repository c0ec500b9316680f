using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Ingestion;

/// <summary>
/// <c>ServerlessIR.Smoke</c>: the test alert <c>ir smoke</c> posts after a deployment. It opens an incident that records
/// the signal as evidence and closes at once, so a person can see the whole path (webhook, ingestion, orchestrator,
/// evidence, incident record) work without anything happening to anyone.
/// </summary>
/// <remarks>
/// The event's data is ignored: the signal carries no AI system, principal, data categories, jurisdictions or subject
/// counts, so it cannot name a target for containment or a fact for an obligation. The orchestrator sees
/// <see cref="Kind"/> and ends before assessment, so no plan, no containment step and no clock exists for it. Its
/// correlation key is its own delivery (<c>smoke:</c>), so it never joins a real incident and no real signal joins it.
/// </remarks>
public sealed class SmokeTestSource : ISignalSource
{
    public const string EventType = "ServerlessIR.Smoke";

    /// <summary>The signal kind the orchestrator recognises.</summary>
    public const string Kind = "smoke-test";

    /// <summary>Incident IDs of smoke tests start with this, so nothing else can be mistaken for one.</summary>
    public const string IncidentIdPrefix = "smoke-";

    public bool CanNormalize(IncomingEvent incoming) =>
        incoming is not null && string.Equals(incoming.Type, EventType, StringComparison.Ordinal);

    public Signal Normalize(IncomingEvent incoming, Pseudonymizer pseudonymizer, string payloadRef)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        return new Signal
        {
            Id = incoming.DedupeKey,
            Source = "serverlessir-smoke",
            Kind = Kind,
            OccurredAt = incoming.Time ?? DateTimeOffset.UnixEpoch,
            Summary = "Smoke test after deployment: records evidence and closes; no containment, no obligations",
            PayloadRef = payloadRef,
        };
    }

    /// <summary>Whether <paramref name="signal"/> is a smoke test's.</summary>
    public static bool IsSmoke(Signal signal) => signal is not null && signal.Kind == Kind;
}
