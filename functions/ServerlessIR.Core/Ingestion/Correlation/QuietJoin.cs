namespace ServerlessIR.Core.Ingestion.Correlation;

/// <summary>What <see cref="IJoinLedger.TryRecordAsync"/> made of a joining signal.</summary>
public enum QuietJoin
{
    /// <summary>Not recorded: it widens the incident, or the incident has no recorded scope. It joins as an event.</summary>
    Declined,

    /// <summary>Recorded; a wake is already on its way to the incident, which takes it with the others.</summary>
    Recorded,

    /// <summary>Recorded, and no wake was on its way: the caller raises one on the incident.</summary>
    RecordedWake,

    /// <summary>
    /// Not recorded: the incident has made its final take (<see cref="IJoinLedger.SealAsync"/>) and will count nothing
    /// more. The caller handles the signal as for an ended incident: a follow-on incident naming it.
    /// </summary>
    Closed,
}
