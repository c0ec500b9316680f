namespace ServerlessIR.Core.Retention;

/// <summary>
/// A store the retention sweep purges. Evidence, anchors, the breach register, notices and incident records are not
/// among them: they are kept for the regimes' own periods (<see cref="Evidence.RetentionPolicy"/>), never swept.
/// </summary>
public enum RetainedStore
{
    /// <summary>Durable history and instance rows of completed, terminated and failed orchestrations.</summary>
    DurableInstances,

    /// <summary>Raw alert payloads in the restricted raw-alert container.</summary>
    RawAlerts,

    /// <summary>Rows of the rejected-events table.</summary>
    RejectedEvents,

    /// <summary>Delivery claims: the ingestion deduplication rows.</summary>
    DeliveryClaims,

    /// <summary>Event Grid's dead-lettered events.</summary>
    DeadLetters,
}
