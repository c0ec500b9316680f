using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Privacy;

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
    public Task<IResult> GetAsync(HttpRequest request, string token) =>
        ShowAsync(request, token, ApprovalPurpose.Approval, (page, now) => ApprovalPageRenderer.RenderApprovalForm(page.Context, page.Token, page.Approver, request.Path, now));

    /// <summary>Records an approve / reject decision: consumes the token, then raises the decision to the orchestration.</summary>
    /// <remarks>
    /// <paramref name="sink"/> delivers the decision; the hosts make it per call around the invocation's durable client (in
    /// the Functions app a <c>[DurableClient]</c> binding, never a service).
    /// </remarks>
    public Task<IResult> PostAsync(HttpRequest request, string token, IApprovalDecisionSink sink) =>
        SubmitAsync(request, token, ApprovalPurpose.Approval, sink, (page, form, now) =>
        {
            var reason = Limit(form?["reason"].ToString(), MaxReasonLength);
            string FormPage(string? error, string? keptReason = null) =>
                ApprovalPageRenderer.RenderApprovalForm(page.Context, page.Token, page.Approver, request.Path, now, error, keptReason);
            ApprovalOutcome outcome;
            switch (form?["decision"].ToString())
            {
                case "approve":
                    outcome = ApprovalOutcome.Approved;
                    break;
                case "reject" when string.IsNullOrWhiteSpace(reason):
                    return Task.FromResult(Html(request, StatusCodes.Status400BadRequest, FormPage("A rejection needs a reason. Nothing was recorded yet.")));
                case "reject":
                    outcome = ApprovalOutcome.Rejected;
                    break;
                default:
                    return Task.FromResult(Html(request, StatusCodes.Status400BadRequest, FormPage("Choose Approve or Reject.", reason)));
            }
            return DecideAsync(request, sink, page, Decision(page, outcome, now) with { Reason = string.IsNullOrWhiteSpace(reason) ? null : FreeTextScrubber.Scrub(reason) },
                () => FormPage("Your decision could not be recorded. Nothing was changed; please try again.", reason));
        });

    /// <summary>Shows a drafted notice to the DPO. Never consumes the token.</summary>
    public Task<IResult> GetNoticeAsync(HttpRequest request, string token) =>
        ShowAsync(request, token, ApprovalPurpose.Notice, (page, now) => ApprovalPageRenderer.RenderNoticeForm(page.Context, page.Token, page.Approver, request.Path, now));

    /// <summary>Records that the DPO submitted the notice, with the regulator's reference number when given.</summary>
    public Task<IResult> PostNoticeAsync(HttpRequest request, string token, IApprovalDecisionSink sink) =>
        SubmitAsync(request, token, ApprovalPurpose.Notice, sink, (page, form, now) =>
        {
            string FormPage(string error) => ApprovalPageRenderer.RenderNoticeForm(page.Context, page.Token, page.Approver, request.Path, now, error);
            if (form?["decision"].ToString() != "submitted")
            {
                return Task.FromResult(Html(request, StatusCodes.Status400BadRequest, FormPage("Use the \"Mark as submitted\" button.")));
            }
            var reference = Limit(form["reference"].ToString(), MaxReferenceLength);
            var decision = Decision(page, ApprovalOutcome.Submitted, now) with
            {
                NoticeId = page.Token.NoticeId,
                ReferenceNumber = string.IsNullOrWhiteSpace(reference) ? null : reference,
            };
            return DecideAsync(request, sink, page, decision, () => FormPage("The submission could not be recorded. Nothing was changed; please try again."));
        });

    /// <summary>A GET: the page for a valid token, or the refusal.</summary>
    private async Task<IResult> ShowAsync(HttpRequest request, string token, ApprovalPurpose purpose, Func<Page, DateTimeOffset, string> render)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = await CheckAsync(request, token, purpose);
        return check.Refusal ?? Html(request, StatusCodes.Status200OK, render(check.Page!, time.GetUtcNow()));
    }

    /// <summary>
    /// A POST: refused when cross-site or when the token does not check out; otherwise <paramref name="decide"/> gets the
    /// page, the posted form and the time.
    /// </summary>
    private async Task<IResult> SubmitAsync(HttpRequest request, string token, ApprovalPurpose purpose, IApprovalDecisionSink sink,
        Func<Page, IFormCollection?, DateTimeOffset, Task<IResult>> decide)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sink);
        if (IsCrossSite(request))
        {
            return Refuse(request, ApprovalRefusalReason.CrossSiteRequest, null);
        }
        var check = await CheckAsync(request, token, purpose);
        if (check.Refusal is { } refusal)
        {
            return refusal;
        }
        var form = request.HasFormContentType ? await request.ReadFormAsync(request.HttpContext.RequestAborted) : null;
        return await decide(check.Page!, form, time.GetUtcNow());
    }

    /// <summary>The decision a page records, before what only one kind of page adds (a reason, a notice's reference).</summary>
    private static ApprovalDecision Decision(Page page, ApprovalOutcome outcome, DateTimeOffset now) => new()
    {
        IncidentId = page.Token.IncidentId,
        ActionId = page.Token.ActionId,
        Tier = page.Token.Tier,
        Purpose = page.Token.Purpose,
        Outcome = outcome,
        DecidedBy = page.Approver,
        DecidedAt = now,
        TokenId = page.Token.TokenId,
    };

    private async Task<IResult> DecideAsync(HttpRequest request, IApprovalDecisionSink sink, Page page, ApprovalDecision decision, Func<string> retryPage)
    {
        var payload = page.Token;
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
        return new(null, new Page(payload, context, approver));
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

    private sealed record CheckResult(IResult? Refusal, Page? Page = null);

    /// <summary>A token that checked out: what it authorises, the page's context, and the signed-in approver.</summary>
    private sealed record Page(ApprovalToken Token, ApprovalContext Context, string Approver);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Approval page refused ({Reason}) for incident {IncidentId}, action {ActionId}, tier {Tier}")]
    private static partial void LogRefused(ILogger logger, ApprovalRefusalReason reason, string? incidentId, string? actionId, string? tier);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "{Approver} is not an approver for incident {IncidentId}, action {ActionId}, tier {Tier}")]
    private static partial void LogWrongApprover(ILogger logger, string incidentId, string actionId, string tier, string approver);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Incident {IncidentId}, action {ActionId}, tier {Tier}: {Outcome} by {Approver}")]
    private static partial void LogDecided(ILogger logger, string incidentId, string actionId, string tier, ApprovalOutcome outcome, string approver);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "Decision for incident {IncidentId}, action {ActionId}, tier {Tier} could not be delivered; token released for retry")]
    private static partial void LogDecisionUndelivered(ILogger logger, Exception exception, string incidentId, string actionId, string tier);
}
