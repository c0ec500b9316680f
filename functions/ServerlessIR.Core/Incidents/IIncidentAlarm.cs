namespace ServerlessIR.Core.Incidents;

/// <summary>
/// A party with wake-ups of its own in incident time (a task's reminder and escalation) that the inbox's one waiter rings
/// while the incident waits for anything else: no second timer loop runs beside the inbox.
/// </summary>
internal interface IIncidentAlarm
{
    /// <summary>The next moment (incident time) this party wants to be woken at, or null when it wants none.</summary>
    DateTimeOffset? NextAlarm { get; }

    /// <summary>Does what is due at incident now; only called once <see cref="NextAlarm"/> has come.</summary>
    Task RingAsync();
}
