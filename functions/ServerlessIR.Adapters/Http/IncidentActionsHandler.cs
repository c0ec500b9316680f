using System.Text;
using System.Text.Json;
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
/// DPO or the security contact), as on the approval pages. The durable client comes per call: in the Functions app it is
/// the invocation's <c>[DurableClient]</c> binding, and no client service exists to inject.
/// </summary>
public sealed partial class IncidentActionsHandler(
    IIncidentStore incidents,
    IApproverIdentityResolver identities,
    IPlaybookProvider playbooks,
    ILogger<IncidentActionsHandler> logger)
{
    private const int MaxBodyBytes = 64 * 1024;

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
        string? reason;
        try
        {
            using var doc = JsonDocument.Parse(body);
            reason = doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String
                ? r.GetString()
                : null;
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid body", $"The body is not JSON: {ex.Message}", null);
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 2000)
        {
            return Problem(StatusCodes.Status400BadRequest, "Reason required",
                "reason: give why this is a false positive (1 to 2000 characters); it goes into the evidence", ["reason"]);
        }
        return await RaiseAsync(durable, id, IncidentEvent.Kinds.FalsePositive, new FalsePositiveDeclaredEvent(new FalsePositiveRequest(caller!, FreeTextScrubber.Scrub(reason.Trim()))),
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

    /// <summary>The signed-in, listed caller and the body, or the refusal to answer with.</summary>
    private async Task<(string? Caller, string Body, IResult? Refusal)> AcceptAsync(HttpRequest request, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durable);
        var (caller, refusal) = await AuthorizeAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return (null, "", refusal);
        }
        var (body, tooLarge) = await ReadBodyAsync(request, cancellationToken);
        return (caller, body, tooLarge);
    }

    private async Task<(string? Caller, IResult? Refusal)> AuthorizeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var caller = await identities.ResolveAsync(request, cancellationToken);
        if (string.IsNullOrWhiteSpace(caller))
        {
            return (null, Problem(StatusCodes.Status401Unauthorized, "Not signed in",
                "No trusted caller identity: in Azure sign in through App Service Authentication; locally configure ServerlessIR:Local:ApproverIdentity.", null));
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

    private static async Task<(string Body, IResult? TooLarge)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > MaxBodyBytes)
        {
            return ("", Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"At most {MaxBodyBytes} bytes.", null));
        }
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[MaxBodyBytes + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return read > MaxBodyBytes
            ? ("", Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"At most {MaxBodyBytes} bytes.", null))
            : (new string(buffer, 0, read), null);
    }

    private static IResult Problem(int status, string title, string detail, IReadOnlyList<string>? errors) =>
        Results.Problem(detail, statusCode: status, title: title,
            extensions: errors is null ? null : new Dictionary<string, object?> { ["errors"] = errors });

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Raised {Kind} on incident {IncidentId}")]
    private static partial void LogRaised(ILogger logger, string kind, string incidentId);
}
