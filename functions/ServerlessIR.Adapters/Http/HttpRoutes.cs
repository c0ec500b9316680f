namespace ServerlessIR.Adapters.Http;

/// <summary>
/// The route table of the HTTP contract (docs/architecture.md), below <see cref="Prefix"/>. The Functions app's
/// <c>[HttpTrigger(Route = …)]</c> attributes, the local host's map and the tests of both read it here, so the two hosts
/// cannot drift apart.
/// </summary>
public static class HttpRoutes
{
    /// <summary>Every route of the table sits below it in the URL (<c>/api/…</c>): the local host's group, and the start of
    /// every Functions trigger's route (<see cref="Api"/>).</summary>
    public const string Prefix = "api";

    /// <summary>
    /// What each Functions trigger's route starts with. host.json's <c>extensions.http.routePrefix</c> is
    /// <see cref="FunctionsRoutePrefix"/> (empty) so that one function can answer the site root (<see cref="Root"/>); the
    /// others keep their <c>/api/…</c> URLs through this.
    /// </summary>
    public const string Api = Prefix + "/";

    /// <summary>host.json's <c>extensions.http.routePrefix</c>, which the local Functions host maps triggers below.</summary>
    public const string FunctionsRoutePrefix = "";

    /// <summary>
    /// The site root in the Functions app, redirected to the console's queue: an optional segment only an empty path
    /// matches, because the Functions host does not route an empty template. The local host maps <c>/</c> itself.
    /// </summary>
    public const string Root = "{root:maxlength(0)?}";

    public const string Events = "events";
    public const string RejectedEvents = "events/rejected";
    public const string Incidents = "incidents";
    public const string Incident = "incidents/{id}";
    public const string IncidentFacts = "incidents/{id}/facts";
    public const string IncidentFalsePositive = "incidents/{id}/false-positive";

    /// <summary>Creates a follow-up task (docs/lifecycle.md).</summary>
    public const string IncidentTasks = "incidents/{id}/tasks";
    /// <summary>Marks a task done or waives it with a reason.</summary>
    public const string IncidentTask = "incidents/{id}/tasks/{taskId}";
    /// <summary>Closes the incident with its post-incident review (dual control).</summary>
    public const string IncidentClose = "incidents/{id}/close";

    /// <summary>A dual-control request's status (the 202 of a false positive, a hold or an awareness move points here).</summary>
    public const string IncidentRequest = "incidents/{id}/requests/{requestId}";
    /// <summary>Recomputes an incident's evidence chain against its anchors (the console's verify button).</summary>
    public const string IncidentEvidenceVerify = "incidents/{id}/evidence/verify";

    /// <summary>The incident console's queue (issue 15); the local host also answers <c>/</c> with it.</summary>
    public const string Console = "console";
    public const string ConsoleIncident = "console/incidents/{id}";
    public const string Approval = "approvals/{token}";
    public const string Notice = "notices/{token}";
    public const string Health = "health";

    /// <summary>Every route with each method it answers: what both hosts must serve, and nothing more.</summary>
    public static IReadOnlyList<(string Route, string Method)> Table { get; } =
    [
        (Events, "POST"),
        (Events, "OPTIONS"),
        (RejectedEvents, "GET"),
        (Incidents, "GET"),
        (Incident, "GET"),
        (IncidentFacts, "POST"),
        (IncidentFalsePositive, "POST"),
        (IncidentTasks, "POST"),
        (IncidentTask, "POST"),
        (IncidentClose, "POST"),
        (IncidentRequest, "GET"),
        (IncidentEvidenceVerify, "GET"),
        (Console, "GET"),
        (ConsoleIncident, "GET"),
        (Approval, "GET"),
        (Approval, "POST"),
        (Notice, "GET"),
        (Notice, "POST"),
        (Health, "GET"),
    ];
}
