namespace ServerlessIR.Adapters.Ingestion;

/// <summary>Host settings for ingestion (section <c>ServerlessIR:Ingestion</c>).</summary>
public sealed class IngestionOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "ServerlessIR:Ingestion";

    /// <summary>
    /// Overrides the playbook's <c>ingestion.correlationWindowHours</c> (default 6 h): signals with the same correlation key
    /// within this window (real time, counted from the incident's first signal) join it. Real, not incident, time: alerts
    /// arrive in real time even in a drill. Null uses the playbook.
    /// </summary>
    public TimeSpan? CorrelationWindow { get; set; }

    /// <summary>How long a delivery claimed by one instance blocks a racing copy before it may take over.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Source prefixes the host trusts on top of the playbook's alert sources: a drill's or a test's own sensors
    /// (<c>ServerlessIR:Local:DrillTrustedSources</c>, set by the local host only). Empty in Azure.
    /// </summary>
    public IReadOnlyList<string> DrillTrustedSources { get; set; } = [];

    /// <summary>
    /// Deliveries the webhook works on at once (each runs up to 8 events in parallel); one more is shed with 429 and
    /// <c>Retry-After</c> (<see cref="DeliveryGate"/>).
    /// </summary>
    public int MaxConcurrentDeliveries { get; set; } = 16;

    /// <summary>The <c>Retry-After</c> a shed delivery is given, in seconds.</summary>
    public int ShedRetryAfterSeconds { get; set; } = 5;

    /// <summary>
    /// How long one delivery's events may take at the webhook, counted from the request's arrival. Event Grid waits 30 s for
    /// an answer and counts silence as a failure; at this budget the webhook stops, gives back the claims of events not done
    /// and answers 503 with <c>Retry-After</c>, keeping a margin for that answer. The events done by then are kept, and a
    /// redelivery answers them as duplicates.
    /// </summary>
    public TimeSpan DeliveryBudget { get; set; } = TimeSpan.FromSeconds(20);
}
