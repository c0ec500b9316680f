using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ServerlessIR.Core.Approvals;

namespace ServerlessIR.Adapters.Http;

/// <summary>
/// <c>GET|POST /api/approvals/{token}</c> and <c>GET|POST /api/notices/{token}</c>, shared by the Functions app and the
/// local host. The signed token is the capability (so there is no separate CSRF token: a cross-site form would need
/// the token), the caller must also be a listed approver for the token's tier, and only a POST consumes the token —
/// link scanners GET every link. Every refusal renders a page that says why and changes nothing.
/// </summary>
public sealed partial class ApprovalsHandler
{
    private const int MaxReasonLength = 2000;
    private const int MaxReferenceLength = 200;

    private readonly ApprovalTokenService tokens;
    private readonly IApprovalTokenLedger ledger;
    private readonly IApproverIdentityResolver identities;
    private readonly IApprovalContextSource contexts;
    private readonly TimeProvider time;
    private readonly ILogger<ApprovalsHandler> logger;

    public ApprovalsHandler(
        ApprovalTokenService tokens,
        IApprovalTokenLedger ledger,
        IApproverIdentityResolver identities,
        IApprovalContextSource contexts,
        TimeProvider time,
        ILogger<ApprovalsHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(identities);
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        this.tokens = tokens;
        this.ledger = ledger;
        this.identities = identities;
        this.contexts = contexts;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Shows the approve / reject form. Never consumes the token.</summary>
    public async Task<IResult> GetAsync(HttpRequest request, string token)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = await CheckAsync(request, token, ApprovalPurpose.Approval);
        return check.Refusal ?? Html(request, StatusCodes.Status200OK,
            ApprovalPageRenderer.RenderApprovalForm(check.Context!, check.Token!, check.Approver!, request.Path, time.GetUtcNow()));
    }

    /// <summary>Records an approve / reject decision: consumes the token, then raises the decision to the orchestration.</summary>
    /// <remarks>
    /// <paramref name="sink"/> delivers the decision; the hosts make it per call around the invocation's durable client (in
    /// the Functions app a <c>[DurableClient]</c> binding, never a service).
    /// </remarks>
    public async Task<IResult> PostAsync(HttpRequest request, string token, IApprovalDecisionSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var check = await CheckPostAsync(request, token, ApprovalPurpose.Approval);
        if (check.Refusal is { } refusal)
        {
            return refusal;
        }
        var (context, payload, approver, form) = (check.Context!, check.Token!, check.Approver!, check.Form);
        var decision = form?["decision"].ToString();
        var reason = Limit(form?["reason"].ToString(), MaxReasonLength);
        var now = time.GetUtcNow();

        ApprovalOutcome outcome;
        switch (decision)
        {
            case "approve":
                outcome = ApprovalOutcome.Approved;
                break;
            case "reject" when string.IsNullOrWhiteSpace(reason):
                return Html(request, StatusCodes.Status400BadRequest, ApprovalPageRenderer.RenderApprovalForm(
                    context, payload, approver, request.Path, now, "A rejection needs a reason. Nothing was recorded yet."));
            case "reject":
                outcome = ApprovalOutcome.Rejected;
                break;
            default:
                return Html(request, StatusCodes.Status400BadRequest, ApprovalPageRenderer.RenderApprovalForm(
                    context, payload, approver, request.Path, now, "Choose Approve or Reject.", reason));
        }

        return await DecideAsync(request, sink, payload, new ApprovalDecision
        {
            IncidentId = payload.IncidentId,
            ActionId = payload.ActionId,
            Tier = payload.Tier,
            Purpose = ApprovalPurpose.Approval,
            Outcome = outcome,
            DecidedBy = approver,
            DecidedAt = now,
            TokenId = payload.TokenId,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason,
        }, () => ApprovalPageRenderer.RenderApprovalForm(
            context, payload, approver, request.Path, now, "Your decision could not be recorded. Nothing was changed; please try again.", reason));
    }

    /// <summary>Shows a drafted notice to the DPO. Never consumes the token.</summary>
    public async Task<IResult> GetNoticeAsync(HttpRequest request, string token)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = await CheckAsync(request, token, ApprovalPurpose.Notice);
        return check.Refusal ?? Html(request, StatusCodes.Status200OK,
            ApprovalPageRenderer.RenderNoticeForm(check.Context!, check.Token!, check.Approver!, request.Path, time.GetUtcNow()));
    }

    /// <summary>Records that the DPO submitted the notice, with the regulator's reference number when given.</summary>
    public async Task<IResult> PostNoticeAsync(HttpRequest request, string token, IApprovalDecisionSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var check = await CheckPostAsync(request, token, ApprovalPurpose.Notice);
        if (check.Refusal is { } refusal)
        {
            return refusal;
        }
        var (context, payload, approver, form) = (check.Context!, check.Token!, check.Approver!, check.Form);
        var now = time.GetUtcNow();
        if (form?["decision"].ToString() != "submitted")
        {
            return Html(request, StatusCodes.Status400BadRequest, ApprovalPageRenderer.RenderNoticeForm(
                context, payload, approver, request.Path, now, "Use the \"Mark as submitted\" button."));
        }
        var reference = Limit(form["reference"].ToString(), MaxReferenceLength);
        return await DecideAsync(request, sink, payload, new ApprovalDecision
        {
            IncidentId = payload.IncidentId,
            ActionId = payload.ActionId,
            Tier = payload.Tier,
            Purpose = ApprovalPurpose.Notice,
            Outcome = ApprovalOutcome.Submitted,
            DecidedBy = approver,
            DecidedAt = now,
            TokenId = payload.TokenId,
            NoticeId = payload.NoticeId,
            ReferenceNumber = string.IsNullOrWhiteSpace(reference) ? null : reference,
        }, () => ApprovalPageRenderer.RenderNoticeForm(
            context, payload, approver, request.Path, now, "The submission could not be recorded. Nothing was changed; please try again."));
    }

    private async Task<IResult> DecideAsync(HttpRequest request, IApprovalDecisionSink sink, ApprovalToken payload, ApprovalDecision decision, Func<string> retryPage)
    {
        var ct = request.HttpContext.RequestAborted;
        if (!await ledger.TryConsumeAsync(payload.TokenId, ct))
        {
            return Refuse(request, ApprovalRefusalReason.AlreadyUsed, payload);
        }
        try
        {
            await sink.RaiseDecisionAsync(decision, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Undelivered: hand the token back so the approver can retry instead of being locked out of an undecided step.
            await ledger.ReleaseAsync(payload.TokenId, CancellationToken.None);
            LogDecisionUndelivered(logger, ex, payload.IncidentId, payload.ActionId, payload.Tier);
            return Html(request, StatusCodes.Status503ServiceUnavailable, retryPage());
        }
        LogDecided(logger, payload.IncidentId, payload.ActionId, payload.Tier, decision.Outcome, decision.DecidedBy);
        return Html(request, StatusCodes.Status200OK, ApprovalPageRenderer.RenderConfirmation(decision));
    }

    /// <summary>What a POST must pass before it may decide: same-site, then <see cref="CheckAsync"/>; with the posted form.</summary>
    private async Task<CheckResult> CheckPostAsync(HttpRequest request, string token, ApprovalPurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (IsCrossSite(request))
        {
            return new(Refuse(request, ApprovalRefusalReason.CrossSiteRequest, null));
        }
        var check = await CheckAsync(request, token, purpose);
        return check.Refusal is not null || !request.HasFormContentType
            ? check
            : check with { Form = await request.ReadFormAsync(request.HttpContext.RequestAborted) };
    }

    private async Task<CheckResult> CheckAsync(HttpRequest request, string token, ApprovalPurpose purpose)
    {
        var ct = request.HttpContext.RequestAborted;
        var validation = await tokens.ValidateAsync(token, time.GetUtcNow(), ct);
        switch (validation.Status)
        {
            case ApprovalTokenStatus.Malformed:
                return new(Refuse(request, ApprovalRefusalReason.Malformed, null));
            case ApprovalTokenStatus.Forged:
                return new(Refuse(request, ApprovalRefusalReason.Forged, null));
            case ApprovalTokenStatus.Expired:
                return new(Refuse(request, ApprovalRefusalReason.Expired, validation.Token));
        }
        var payload = validation.Token!;
        if (payload.Purpose != purpose)
        {
            return new(Refuse(request, ApprovalRefusalReason.WrongPage, payload));
        }
        if (await ledger.IsConsumedAsync(payload.TokenId, ct))
        {
            return new(Refuse(request, ApprovalRefusalReason.AlreadyUsed, payload));
        }
        var approver = await identities.ResolveAsync(request, ct);
        if (string.IsNullOrWhiteSpace(approver))
        {
            return new(Refuse(request, ApprovalRefusalReason.NotSignedIn, payload));
        }
        var context = await contexts.GetAsync(payload, ct);
        if (context is null || (purpose == ApprovalPurpose.Notice && context.Notice is null))
        {
            return new(Refuse(request, ApprovalRefusalReason.UnknownIncident, payload));
        }
        if (!context.IsAllowed(approver))
        {
            LogWrongApprover(logger, payload.IncidentId, payload.ActionId, payload.Tier, approver);
            return new(Refuse(request, ApprovalRefusalReason.WrongApprover, payload));
        }
        return new(null, payload, context, approver);
    }

    private IResult Refuse(HttpRequest request, ApprovalRefusalReason reason, ApprovalToken? payload)
    {
        LogRefused(logger, reason, payload?.IncidentId, payload?.ActionId, payload?.Tier);
        var status = reason switch
        {
            ApprovalRefusalReason.Malformed => StatusCodes.Status400BadRequest,
            ApprovalRefusalReason.NotSignedIn => StatusCodes.Status401Unauthorized,
            ApprovalRefusalReason.UnknownIncident or ApprovalRefusalReason.WrongPage => StatusCodes.Status404NotFound,
            ApprovalRefusalReason.AlreadyUsed => StatusCodes.Status409Conflict,
            ApprovalRefusalReason.Expired => StatusCodes.Status410Gone,
            _ => StatusCodes.Status403Forbidden,
        };
        return Html(request, status, ApprovalPageRenderer.RenderRefusal(reason));
    }

    /// <summary>
    /// Browsers send <c>Sec-Fetch-Site</c> and <c>Origin</c> with form posts; a post from another site is refused even
    /// though it could only succeed with a leaked token.
    /// </summary>
    private static bool IsCrossSite(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"].ToString() is "cross-site")
        {
            return true;
        }
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin) || origin == "null")
        {
            return false;
        }
        return !Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    private static IResult Html(HttpRequest request, int status, string html)
    {
        var headers = request.HttpContext.Response.Headers;
        // The token is in the URL: keep it out of caches, Referer headers and frames.
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Content-Type-Options"] = "nosniff";
        headers["X-Frame-Options"] = "DENY";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }

    private static string? Limit(string? value, int max) =>
        value is null ? null : (value.Length > max ? value[..max] : value).Trim();

    private sealed record CheckResult(IResult? Refusal, ApprovalToken? Token = null, ApprovalContext? Context = null, string? Approver = null,
        IFormCollection? Form = null);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Approval page refused ({Reason}) for incident {IncidentId}, action {ActionId}, tier {Tier}")]
    private static partial void LogRefused(ILogger logger, ApprovalRefusalReason reason, string? incidentId, string? actionId, string? tier);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "{Approver} is not an approver for incident {IncidentId}, action {ActionId}, tier {Tier}")]
    private static partial void LogWrongApprover(ILogger logger, string incidentId, string actionId, string tier, string approver);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Incident {IncidentId}, action {ActionId}, tier {Tier}: {Outcome} by {Approver}")]
    private static partial void LogDecided(ILogger logger, string incidentId, string actionId, string tier, ApprovalOutcome outcome, string approver);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "Decision for incident {IncidentId}, action {ActionId}, tier {Tier} could not be delivered; token released for retry")]
    private static partial void LogDecisionUndelivered(ILogger logger, Exception exception, string incidentId, string actionId, string tier);
}
