using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Privacy;

namespace ServerlessIR.Adapters.Http;

/// <summary>
/// <c>POST /api/incidents/{id}/facts</c> (amended facts, awareness confirmed, a law-enforcement hold) and
/// <c>POST /api/incidents/{id}/false-positive</c>. Both are raised on the incident's orchestration as an
/// <see cref="IncidentEvent"/>; the caller must be signed in and listed in the playbook (an approver of any tier, the
/// DPO or the security contact), as on the approval pages. Both take <c>application/json</c> only, from this app's own
/// origin (<see cref="OriginPolicy"/>), with every field within <see cref="FormLimits"/>. The durable client comes per
/// call: in the Functions app it is the invocation's <c>[DurableClient]</c> binding, and no client service exists to inject.
/// </summary>
public sealed partial class IncidentActionsHandler(
    IIncidentStore incidents,
    IApproverIdentityResolver identities,
    IPlaybookProvider playbooks,
    OriginPolicy origins,
    ILogger<IncidentActionsHandler> logger)
{

    public async Task<IResult> PostFactsAsync(HttpRequest request, string id, DurableTaskClient durable, CancellationToken cancellationToken = default)
    {
        var (caller, body, refusal) = await AcceptAsync(request, durable, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var (amendment, errors) = FactsAmendmentReader.Read(body, caller!);
        if (amendment is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid facts", string.Join("; ", errors), errors);
        }
        // Free text goes into the durable event, the timeline and the evidence: personal data out first.
        amendment = amendment with { Note = FreeTextScrubber.Scrub(amendment.Note),
            LawEnforcementHold = amendment.LawEnforcementHold is { } hold ? hold with { Reason = FreeTextScrubber.Scrub(hold.Reason) } : null };
        return await RaiseAsync(durable, id, IncidentEvent.Kinds.Facts, new FactsAmendedEvent(amendment),
            new { incident = id, accepted = "facts", amendedBy = caller }, cancellationToken);
    }

    public async Task<IResult> PostFalsePositiveAsync(HttpRequest request, string id, DurableTaskClient durable, CancellationToken cancellationToken = default)
    {
        var (caller, body, refusal) = await AcceptAsync(request, durable, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var (declared, errors) = FalsePositiveRequestReader.Read(body, caller!);
        if (declared is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid false-positive declaration", string.Join("; ", errors), errors);
        }
        return await RaiseAsync(durable, id, IncidentEvent.Kinds.FalsePositive, new FalsePositiveDeclaredEvent(declared with { Reason = FreeTextScrubber.Scrub(declared.Reason) }),
            new { incident = id, accepted = "false-positive", declaredBy = caller }, cancellationToken);
    }

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
    private async Task<(string? Caller, string Body, IResult? Refusal)> AcceptAsync(HttpRequest request, DurableTaskClient durable, CancellationToken cancellationToken)
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

    private async Task<(string? Caller, IResult? Refusal)> AuthorizeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var caller = await identities.ResolveAsync(request, cancellationToken);
        if (string.IsNullOrWhiteSpace(caller))
        {
            return (null, Problem(StatusCodes.Status401Unauthorized, "Not signed in",
                "No trusted caller identity: in Azure sign in through App Service Authentication; locally open the sign-in link ir serve prints.", null));
        }
        var playbook = playbooks.Current;
        var allowed = playbook.Approvals.Tiers.SelectMany(t => t.Approvers)
            .Append(playbook.Organisation.Dpo.Email)
            .Concat(playbook.Organisation.SecurityContact?.Email is { } soc ? [soc] : [])
            .Any(a => string.Equals(a, caller, StringComparison.OrdinalIgnoreCase));
        return allowed
            ? (caller, null)
            : (null, Problem(StatusCodes.Status403Forbidden, "Not allowed",
                $"{caller} is not an approver, the DPO or the security contact in the playbook.", null));
    }

    private async Task<IResult?> RunningAsync(DurableTaskClient durable, string id, CancellationToken cancellationToken)
    {
        var instance = await durable.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken);
        if (instance is null || await incidents.GetAsync(id, cancellationToken) is null)
        {
            return Problem(StatusCodes.Status404NotFound, "Not found", $"No incident '{id}'.", null);
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
}
