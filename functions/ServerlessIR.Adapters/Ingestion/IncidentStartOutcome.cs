namespace ServerlessIR.Adapters.Ingestion;

/// <summary>What <see cref="IncidentStarter.StartOnceAsync"/> did.</summary>
public enum IncidentStartOutcome
{
    /// <summary>This call scheduled the incident's orchestration.</summary>
    Started,

    /// <summary>The instance already existed: another delivery (or an earlier attempt of this one) started it.</summary>
    Existed,

    /// <summary>
    /// Another delivery is starting it at this moment and its instance is not there yet: the caller answers "retry", so that
    /// if that delivery dies before scheduling, the redelivery starts the incident instead of taking it as started.
    /// </summary>
    Contended,
}
