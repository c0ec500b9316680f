using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Adapters.Ticketing;

/// <summary>
/// How an incident's status and severity read in ServiceNow Security Incident Response (<c>sn_si_incident</c>): the choice
/// values of its <c>state</c> field come from the playbook (<see cref="TicketStateValues"/>, the plugin's own by default);
/// <c>priority</c> and <c>severity</c> are the platform's 1-4 and 1-3 scales.
/// </summary>
public static class ServiceNowStates
{
    /// <summary>The states in which a ticket counts as closed on the ServiceNow side.</summary>
    public static IReadOnlyList<string> ClosedStates(TicketStateValues states) => [states.Closed, states.Cancelled];

    public static string StateOf(IncidentStatus status, TicketStateValues states) => status switch
    {
        IncidentStatus.Containing => states.Contain,
        IncidentStatus.Contained => states.Recover,
        IncidentStatus.Closed => states.Closed,
        IncidentStatus.FalsePositive => states.Cancelled,
        // Open, and Failed (a person must assess it by hand): analysis is what the ticket waits for.
        _ => states.Analysis,
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
