namespace ServerlessIR.Core.Ingestion.Correlation;

/// <summary>Where the orchestration of an incident named in the correlation index is, as correlation sees it.</summary>
public enum IncidentInstanceState
{
    /// <summary>Not started (yet, or ever).</summary>
    Missing,

    /// <summary>Pending or running: it can take more signals.</summary>
    Running,

    /// <summary>Completed, failed or terminated.</summary>
    Ended,
}
