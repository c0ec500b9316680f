using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using ServerlessIR.Adapters.Incidents;
using ServerlessIR.Core;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Privacy;

namespace ServerlessIR.Adapters.Http;

/// <summary>
/// <c>POST /api/incidents/{id}/facts</c> (amended facts, awareness confirmed, a law-enforcement hold),
/// <c>POST /api/incidents/{id}/false-positive</c> and <c>GET /api/incidents/{id}/requests/{requestId}</c>. Facts that
/// change nothing but the assessment are raised on the incident's orchestration as an <see cref="IncidentEvent"/> at once;
/// a false positive, a hold (placed or lifted) and an awareness move need two people: the route records a dual-control
/// request and answers 202 with its status URL, and the event is raised only when a different authorized person approves
/// it through the link they are sent (<see cref="DualControlDesk"/>). The caller must be signed in and one of the
/// playbook's people by Entra object ID (<see cref="Responders"/>), never by UPN. Both POSTs take <c>application/json</c>
/// only, from this app's own origin (<see cref="OriginPolicy"/>), with every field within <see cref="FormLimits"/>. The
/// durable client comes per call: in the Functions app it is the invocation's <c>[DurableClient]</c> binding.
/// </summary>
public sealed partial class IncidentActionsHandler(
    IIncidentStore incidents,
    IApproverIdentityResolver identities,
    Responders responders,
    DualControlDesk dualControl,
    OriginPolicy origins,
    ILogger<IncidentActionsHandler> logger)
{
    // How long an action waits for a just-scheduled incident to start before answering 503 (the start is seconds even in
    // a storm here), and the Retry-After it then gives.
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(10);
    private const int StartRetryAfterSeconds = 5;

    public async Task<IResult> PostFactsAsync(HttpRequest request, string id, DurableTaskClient durable, CancellationToken cancellationToken = default)
    {
        var (caller, body, refusal) = await AcceptAsync(request, durable, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var (amendment, errors) = FactsAmendmentReader.Read(body, caller!.Name);
        if (amendment is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid facts", string.Join("; ", errors), errors);
        }
        // Free text goes into the durable event, the timeline and the evidence: personal data out first.
        amendment = amendment with { Note = FreeTextScrubber.Scrub(amendment.Note),
            LawEnforcementHold = amendment.LawEnforcementHold is { } hold ? hold with { Reason = FreeTextScrubber.Scrub(hold.Reason) } : null };
        if (amendment.NeedsSecondPerson)
        {
            return await RequestSecondPersonAsync(durable, id, IncidentEvent.Kinds.Facts, new FactsAmendedEvent(amendment), FactsSummary(amendment), caller,
                new Dictionary<string, object?> { ["accepted"] = "facts", ["amendedBy"] = caller.Name }, cancellationToken);
        }
        return await RaiseAsync(durable, id, IncidentEvent.Kinds.Facts, new FactsAmendedEvent(amendment),
            new { incident = id, accepted = "facts", amendedBy = caller.Name }, cancellationToken);
    }

    public async Task<IResult> PostFalsePositiveAsync(HttpRequest request, string id, DurableTaskClient durable, CancellationToken cancellationToken = default)
    {
        var (caller, body, refusal) = await AcceptAsync(request, durable, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var (declared, errors) = FalsePositiveRequestReader.Read(body, caller!.Name);
        if (declared is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid false-positive declaration", string.Join("; ", errors), errors);
        }
        declared = declared with { Reason = FreeTextScrubber.Scrub(declared.Reason) };
        return await RequestSecondPersonAsync(durable, id, IncidentEvent.Kinds.FalsePositive, new FalsePositiveDeclaredEvent(declared),
            "Declare a false positive and undo the containment: " + declared.Reason, caller,
            new Dictionary<string, object?> { ["accepted"] = "false-positive", ["declaredBy"] = caller.Name }, cancellationToken);
    }

    /// <summary>Where a dual-control request stands: pending, approved (and by whom), rejected or expired.</summary>
    public async Task<IResult> GetRequestAsync(HttpRequest request, string id, string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (_, refusal) = await AuthorizeAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var stored = Keyable(id) && Keyable(requestId) ? await dualControl.GetAsync(id, requestId, cancellationToken) : null;
        return stored is null
            ? Problem(StatusCodes.Status404NotFound, "Not found", $"No request '{FormText.Quote(requestId)}' on incident '{FormText.Quote(id)}'.", null)
            : Results.Json(StatusOf(stored));
    }

    /// <summary>The status URL's path for a request.</summary>
    public static string StatusPath(string incidentId, string requestId) =>
        "/" + HttpRoutes.Prefix + "/" + HttpRoutes.IncidentRequest.Replace("{id}", Uri.EscapeDataString(incidentId), StringComparison.Ordinal)
            .Replace("{requestId}", Uri.EscapeDataString(requestId), StringComparison.Ordinal);

    /// <summary>Records the request, asks the second person, and answers 202 with the status URL; nothing is raised yet.</summary>
    private async Task<IResult> RequestSecondPersonAsync(DurableTaskClient durable, string id, string kind, IncidentEvent incidentEvent, string summary,
        CallerIdentity caller, Dictionary<string, object?> reply, CancellationToken cancellationToken)
    {
        var missing = await RunningAsync(durable, id, cancellationToken);
        if (missing is not null)
        {
            return missing;
        }
        var (stored, asked) = await dualControl.RequestAsync(id, kind, incidentEvent, summary, caller, cancellationToken);
        LogSecondPersonRequested(logger, kind, id, stored.RequestId, asked);
        var status = StatusOf(stored);
        reply["incident"] = id;
        reply["asked"] = asked;
        foreach (var (key, value) in status)
        {
            reply[key] = value;
        }
        var result = Results.Json(reply, statusCode: StatusCodes.Status202Accepted);
        return new LocatedResult(result, status["statusUrl"]!.ToString()!);
    }

    private static Dictionary<string, object?> StatusOf(DualControlRequest request) => new()
    {
        ["requestId"] = request.RequestId,
        ["kind"] = request.Kind,
        ["summary"] = request.Summary,
        ["status"] = WireNames.Of(request.Status),
        ["requestedBy"] = request.RequestedBy,
        ["createdAt"] = request.CreatedAt,
        ["expiresAt"] = request.ExpiresAt,
        ["decidedBy"] = request.DecidedBy,
        ["decidedAt"] = request.DecidedAt,
        ["reason"] = request.Reason,
        ["statusUrl"] = StatusPath(request.IncidentId, request.RequestId),
    };

    private static string FactsSummary(FactsAmendment amendment)
    {
        var parts = new List<string>();
        if (amendment.LawEnforcementHold is { } hold)
        {
            parts.Add((hold.Lift ? "Lift the law-enforcement hold" : "Place a law-enforcement hold")
                + (hold.Regimes.Count == 0 ? " on every notice" : " on " + string.Join(", ", hold.Regimes)) + $" at the request of {hold.RequestedBy}");
        }
        if (amendment.AwareAt is { } awareAt)
        {
            parts.Add($"Move awareness (awareAt) to {awareAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC, which moves every clock that starts there");
        }
        return string.Join("; ", parts) + (amendment.Note is { Length: > 0 } note ? ": " + note : "");
    }

    /// <summary>A result with a <c>Retry-After</c> header: a 503 while an incident is starting.</summary>
    private sealed class RetryAfterResult(IResult inner, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }

    /// <summary>A result with a <c>Location</c> header: a 202's status URL.</summary>
    private sealed class LocatedResult(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }

    /// <summary>Table keys cannot hold these; an ID with them is no request of ours.</summary>
    private static bool Keyable(string value) => value.Length is > 0 and <= 200 && value.IndexOfAny(['/', '\\', '#', '?']) < 0 && !value.Any(char.IsControl);

    /// <summary>Raises <paramref name="incidentEvent"/> on a running incident and answers 202 with <paramref name="reply"/>.</summary>
    private async Task<IResult> RaiseAsync(DurableTaskClient durable, string id, string kind, IncidentEvent incidentEvent, object reply,
        CancellationToken cancellationToken)
    {
        var missing = await RunningAsync(durable, id, cancellationToken);
        if (missing is not null)
        {
            return missing;
        }
        await durable.RaiseEventAsync(id, IncidentEvent.Name, incidentEvent, cancellationToken);
        LogRaised(logger, kind, id);
        return Results.Json(reply, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// The signed-in, listed caller and the body, or the refusal to answer with: a request from another origin first
    /// (403, before anything about the caller is looked up), then the caller (401, 403), then the body (415, 413, 400).
    /// </summary>
    private async Task<(CallerIdentity? Caller, string Body, IResult? Refusal)> AcceptAsync(HttpRequest request, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durable);
        if (origins.Refusal(request) is { } crossOrigin)
        {
            LogCrossOrigin(logger, request.Path.Value ?? "");
            return (null, "", Problem(StatusCodes.Status403Forbidden, "Cross-origin request refused",
                $"This route changes an incident, so it only takes requests from {origins.PublicOrigin}: {crossOrigin}.", ["Origin"]));
        }
        var (caller, refusal) = await AuthorizeAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return (null, "", refusal);
        }
        var (body, unreadable) = await JsonFormBody.ReadAsync(request, cancellationToken);
        return (caller, body, unreadable);
    }

    private async Task<(CallerIdentity? Caller, IResult? Refusal)> AuthorizeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var caller = await identities.ResolveAsync(request, cancellationToken);
        if (caller is null || string.IsNullOrWhiteSpace(caller.Name))
        {
            return (null, Problem(StatusCodes.Status401Unauthorized, "Not signed in",
                "No trusted caller identity: in Azure sign in through App Service Authentication; locally open the sign-in link ir serve prints.", null));
        }
        if (await responders.IsAllowedAsync(caller, cancellationToken))
        {
            return (caller, null);
        }
        LogNotAllowed(logger, caller.Name, caller.ObjectId);
        return (null, Problem(StatusCodes.Status403Forbidden, "Not allowed", caller.ObjectId is null
            ? $"{caller.Name} carries no Entra object ID (oid), and people are authorized by object ID, never by name."
            : $"{caller.Name} (object ID {caller.ObjectId}) is not an approver, the DPO or the security contact in the playbook, "
                + "by object ID or app role; a matching name does not count.", null));
    }

    private async Task<IResult?> RunningAsync(DurableTaskClient durable, string id, CancellationToken cancellationToken)
    {
        // An incident the webhook has answered for is scheduled before its first record is written; an action posted in
        // between is accepted, not refused as unknown, once its orchestration has started: the engine may drop an event
        // raised to an instance still pending (IncidentStartWait), so the route waits a little for the start.
        var instance = await durable.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken);
        if (instance is null || !string.Equals(instance.Name, nameof(IncidentOrchestrator), StringComparison.Ordinal))
        {
            return Problem(StatusCodes.Status404NotFound, "Not found", $"No incident '{id}'.", null);
        }
        if (IncidentStartWait.IsStarting(instance))
        {
            instance = await IncidentStartWait.WhenStartedAsync(durable, id, StartPatience, TimeProvider.System, cancellationToken);
            if (instance is null)
            {
                return new RetryAfterResult(Problem(StatusCodes.Status503ServiceUnavailable, "Incident starting",
                    $"Incident '{id}' is scheduled but its orchestration has not started yet; nothing was recorded. Try again in a few seconds.", null),
                    StartRetryAfterSeconds);
            }
        }
        return instance.IsCompleted
            ? Problem(StatusCodes.Status409Conflict, "Incident ended",
                $"Incident '{id}' has ended ({instance.RuntimeStatus}); its record can no longer change. Open a follow-up incident instead.", null)
            : null;
    }

    private static IResult Problem(int status, string title, string detail, IReadOnlyList<string>? errors) =>
        Problems.Create(status, title, detail, errors);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Raised {Kind} on incident {IncidentId}")]
    private static partial void LogRaised(ILogger logger, string kind, string incidentId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Refused a cross-origin request to {Path}")]
    private static partial void LogCrossOrigin(ILogger logger, string path);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "{Kind} on incident {IncidentId} waits for a second person (request {RequestId}, {Asked} asked)")]
    private static partial void LogSecondPersonRequested(ILogger logger, string kind, string incidentId, string requestId, int asked);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "{Caller} (object ID {ObjectId}) is not one of the playbook's people")]
    private static partial void LogNotAllowed(ILogger logger, string caller, string? objectId);
}
