using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Adapters.Ticketing;

/// <summary>
/// How an incident's status and severity read in ServiceNow Security Incident Response (<c>sn_si_incident</c>): the choice
/// values of its <c>state</c>, <c>priority</c> and <c>severity</c> fields as the base system ships them. An instance that
/// changed its choices changes them here, in one place.
/// </summary>
public static class ServiceNowStates
{
    public const string Analysis = "16";
    public const string Contain = "18";
    public const string Recover = "20";
    public const string Closed = "3";
    public const string Cancelled = "7";

    /// <summary>The states in which a ticket counts as closed on the ServiceNow side.</summary>
    public static IReadOnlyList<string> ClosedStates { get; } = [Closed, Cancelled];

    public static string StateOf(IncidentStatus status) => status switch
    {
        IncidentStatus.Containing => Contain,
        IncidentStatus.Contained => Recover,
        IncidentStatus.Closed => Closed,
        IncidentStatus.FalsePositive => Cancelled,
        // Open, and Failed (a person must assess it by hand): analysis is what the ticket waits for.
        _ => Analysis,
    };

    /// <summary>Priority 1 (critical) to 4 (low).</summary>
    public static string PriorityOf(string? severity) => severity switch
    {
        "SEV1" => "1",
        "SEV2" => "2",
        "SEV3" => "3",
        _ => "4",
    };

    /// <summary>Severity 1 (high) to 3 (low).</summary>
    public static string SeverityOf(string? severity) => severity switch
    {
        "SEV1" => "1",
        "SEV2" => "2",
        _ => "3",
    };
}
