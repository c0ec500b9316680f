using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using ServerlessIR.Core;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Privacy;

namespace ServerlessIR.Adapters.Http;

/// <summary>
/// <c>GET|POST /api/approvals/{token}</c> and <c>GET|POST /api/notices/{token}</c>, shared by the Functions app and the
/// local host. The signed token is the capability (so there is no separate CSRF token: a cross-site form would need
/// the token), a POST must also come from the configured public origin (<see cref="OriginPolicy"/>), the caller must be a
/// listed approver for the token's tier, and only a POST consumes the token — link scanners GET every link. Posted
/// fields are held to <see cref="FormLimits"/>. Every refusal renders a page that says why and changes nothing.
/// </summary>
public sealed partial class ApprovalsHandler
{
    private readonly ApprovalTokenService tokens;
    private readonly IApprovalTokenLedger ledger;
    private readonly IApproverIdentityResolver identities;
    private readonly IApprovalContextSource contexts;
    private readonly TimeProvider time;
    private readonly OriginPolicy origins;
    private readonly ILogger<ApprovalsHandler> logger;
    private readonly DualControlDesk? dualControl;

    public ApprovalsHandler(
        ApprovalTokenService tokens,
        IApprovalTokenLedger ledger,
        IApproverIdentityResolver identities,
        IApprovalContextSource contexts,
        TimeProvider time,
        OriginPolicy origins,
        ILogger<ApprovalsHandler> logger,
        DualControlDesk? dualControl = null)
    {
        this.dualControl = dualControl;
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(identities);
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(origins);
        ArgumentNullException.ThrowIfNull(logger);
        this.tokens = tokens;
        this.ledger = ledger;
        this.identities = identities;
        this.contexts = contexts;
        this.time = time;
        this.origins = origins;
        this.logger = logger;
    }

    /// <summary>Shows the approve / reject form. Never consumes the token.</summary>
    public Task<IResult> GetAsync(HttpRequest request, string token) =>
        ShowAsync(request, token, ApprovalPurpose.Approval, (page, now) => ApprovalPageRenderer.RenderApprovalForm(page.Context, page.Token, page.Approver.Name, request.Path, now));

    /// <summary>Records an approve / reject decision: consumes the token, then raises the decision to the orchestration.</summary>
    /// <remarks>
    /// <paramref name="sink"/> delivers the decision; the hosts make it per call around the invocation's durable client (in
    /// the Functions app a <c>[DurableClient]</c> binding, never a service).
    /// </remarks>
    public Task<IResult> PostAsync(HttpRequest request, string token, IApprovalDecisionSink sink) =>
        SubmitAsync(request, token, ApprovalPurpose.Approval, sink,
            (page, now, error, kept) => ApprovalPageRenderer.RenderApprovalForm(page.Context, page.Token, page.Approver.Name, request.Path, now, error, kept),
            (page, form, now, formPage) =>
        {
            var (decision, decisionError) = Field(form, "decision", FormLimits.Code, multiline: false);
            var (reason, reasonError) = Field(form, "reason", FormLimits.FreeText, multiline: true);
            if ((decisionError ?? reasonError) is { } error)
            {
                return Task.FromResult(Html(request, StatusCodes.Status400BadRequest,
                    formPage(error + ". Nothing was recorded yet.", reasonError is null ? reason : null)));
            }
            ApprovalOutcome outcome;
            switch (decision)
            {
                case "approve":
                    outcome = ApprovalOutcome.Approved;
                    break;
                case "reject" when string.IsNullOrEmpty(reason):
                    return Task.FromResult(Html(request, StatusCodes.Status400BadRequest, formPage("A rejection needs a reason. Nothing was recorded yet.", null)));
                case "reject":
                    outcome = ApprovalOutcome.Rejected;
                    break;
                default:
                    return Task.FromResult(Html(request, StatusCodes.Status400BadRequest, formPage("Choose Approve or Reject.", reason)));
            }
            if (page.Token.Purpose == ApprovalPurpose.DualControl)
            {
                return SecondAsync(request, sink, page, outcome == ApprovalOutcome.Approved, string.IsNullOrWhiteSpace(reason) ? null : FreeTextScrubber.Scrub(reason),
                    () => formPage("Your decision could not be recorded. Nothing was changed; please try again.", reason));
            }
            return DecideAsync(request, sink, page, Decision(page, outcome, now) with { Reason = string.IsNullOrWhiteSpace(reason) ? null : FreeTextScrubber.Scrub(reason) },
                () => formPage("Your decision could not be recorded. Nothing was changed; please try again.", reason));
        });

    /// <summary>Shows a drafted notice to the DPO. Never consumes the token.</summary>
    public Task<IResult> GetNoticeAsync(HttpRequest request, string token) =>
        ShowAsync(request, token, ApprovalPurpose.Notice, (page, now) => ApprovalPageRenderer.RenderNoticeForm(page.Context, page.Token, page.Approver.Name, request.Path, now));

    /// <summary>Records that the DPO submitted the notice, with the regulator's reference number when given.</summary>
    public Task<IResult> PostNoticeAsync(HttpRequest request, string token, IApprovalDecisionSink sink) =>
        SubmitAsync(request, token, ApprovalPurpose.Notice, sink,
            (page, now, error, _) => ApprovalPageRenderer.RenderNoticeForm(page.Context, page.Token, page.Approver.Name, request.Path, now, error),
            (page, form, now, formPage) =>
        {
            var (choice, choiceError) = Field(form, "decision", FormLimits.Code, multiline: false);
            var (reference, referenceError) = Field(form, "reference", FormLimits.Name, multiline: false);
            if ((choiceError ?? referenceError) is { } error)
            {
                return Task.FromResult(Html(request, StatusCodes.Status400BadRequest, formPage(error + ". Nothing was recorded yet.", null)));
            }
            if (choice != "submitted")
            {
                return Task.FromResult(Html(request, StatusCodes.Status400BadRequest, formPage("Use the \"Mark as submitted\" button.", null)));
            }
            var decision = Decision(page, ApprovalOutcome.Submitted, now) with
            {
                NoticeId = page.Token.NoticeId,
                ReferenceNumber = string.IsNullOrEmpty(reference) ? null : reference,
            };
            return DecideAsync(request, sink, page, decision, () => formPage("The submission could not be recorded. Nothing was changed; please try again.", null));
        });

    /// <summary>A GET: the page for a valid token, or the refusal.</summary>
    private async Task<IResult> ShowAsync(HttpRequest request, string token, ApprovalPurpose purpose, Func<Page, DateTimeOffset, string> render)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = await CheckAsync(request, token, purpose);
        return check.Refusal ?? Html(request, StatusCodes.Status200OK, render(check.Page!, time.GetUtcNow()));
    }

    /// <summary>
    /// A POST: refused when it does not come from this app's origin (<see cref="OriginPolicy"/>) or the token does not
    /// check out; a body that is not a URL-encoded form (415) or too large (413) gets the form back with the reason.
    /// Otherwise <paramref name="decide"/> gets the page, the posted form, the time and <paramref name="formPage"/>, which
    /// renders the form again with an error (and, on the approval page, the reason the approver typed).
    /// </summary>
    private async Task<IResult> SubmitAsync(HttpRequest request, string token, ApprovalPurpose purpose, IApprovalDecisionSink sink,
        Func<Page, DateTimeOffset, string, string?, string> formPage,
        Func<Page, IFormCollection, DateTimeOffset, Func<string, string?, string>, Task<IResult>> decide)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sink);
        if (origins.Refusal(request) is { } crossOrigin)
        {
            LogCrossOrigin(logger, crossOrigin);
            return Refuse(request, ApprovalRefusalReason.CrossSiteRequest, null);
        }
        var check = await CheckAsync(request, token, purpose);
        if (check.Refusal is { } refusal)
        {
            return refusal;
        }
        var page = check.Page!;
        var now = time.GetUtcNow();
        string Again(string error, string? kept) => formPage(page, now, error, kept);
        var (form, status, problem) = await ReadFormAsync(request);
        return form is null
            ? Html(request, status, Again(problem!, null))
            : await decide(page, form, now, Again);
    }

    /// <summary>
    /// The posted form, read within <see cref="FormLimits"/>; or the status and the sentence to show. Only the URL-encoded
    /// form these pages send is read (a multipart body could carry files).
    /// </summary>
    private static async Task<(IFormCollection? Form, int Status, string? Problem)> ReadFormAsync(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !string.Equals(type.MediaType.Value, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (null, StatusCodes.Status415UnsupportedMediaType, "Send the decision with this page's form. Nothing was recorded yet.");
        }
        const string tooLarge = "The form was too large. Nothing was recorded yet.";
        var features = request.HttpContext.Features;
        if (features.Get<IFormFeature>() is not { Form: not null })
        {
            // The form reader's own limits are per value; the whole body is bounded before it sees any.
            if (await BoundedBody.ReadAsync(request, request.HttpContext.RequestAborted) is not { } body)
            {
                return (null, StatusCodes.Status413PayloadTooLarge, tooLarge);
            }
            request.Body = new MemoryStream(body.Array!, body.Offset, body.Count, writable: false);
            features.Set<IFormFeature>(new FormFeature(request, new FormOptions { ValueCountLimit = 16, KeyLengthLimit = FormLimits.Code }));
        }
        try
        {
            return (await request.ReadFormAsync(request.HttpContext.RequestAborted), StatusCodes.Status200OK, null);
        }
        catch (InvalidDataException)
        {
            return (null, StatusCodes.Status413PayloadTooLarge, tooLarge);
        }
    }

    /// <summary>One form field within its limit, or the error naming it; a field sent twice is an error, not joined.</summary>
    private static (string? Value, string? Error) Field(IFormCollection form, string name, int maxLength, bool multiline)
    {
        var values = form[name];
        return values.Count > 1
            ? (null, $"{name}: sent {values.Count} times")
            : FormText.Check(name, values.Count == 0 ? null : values[0], maxLength, multiline);
    }

    /// <summary>The decision a page records, before what only one kind of page adds (a reason, a notice's reference).</summary>
    private static ApprovalDecision Decision(Page page, ApprovalOutcome outcome, DateTimeOffset now) => new()
    {
        IncidentId = page.Token.IncidentId,
        ActionId = page.Token.ActionId,
        Tier = page.Token.Tier,
        Purpose = page.Token.Purpose,
        Outcome = outcome,
        DecidedBy = page.Approver.Name,
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
        // One decision per step and tier (per notice), whichever link carried it: the original and the reminder are two
        // tokens for one question.
        var key = DecisionKey(payload);
        if (await ledger.TryRecordDecisionAsync(key, new StandingDecision(decision.Outcome, decision.DecidedBy, decision.DecidedAt), ct) is { } standing)
        {
            return standing.Outcome == decision.Outcome
                ? AlreadyRecorded(request, payload, standing)
                : Refuse(request, ApprovalRefusalReason.DecisionStands, payload, standing);
        }
        try
        {
            await sink.RaiseDecisionAsync(decision, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Undelivered: hand the token and the decision back so the approver can retry instead of being locked out of
            // an undecided step.
            await ledger.ForgetDecisionAsync(key, CancellationToken.None);
            await ledger.ReleaseAsync(payload.TokenId, CancellationToken.None);
            LogDecisionUndelivered(logger, ex, payload.IncidentId, payload.ActionId, payload.Tier);
            return Html(request, StatusCodes.Status503ServiceUnavailable, retryPage());
        }
        LogDecided(logger, payload.IncidentId, payload.ActionId, payload.Tier, decision.Outcome, decision.DecidedBy);
        return Html(request, StatusCodes.Status200OK, ApprovalPageRenderer.RenderConfirmation(decision));
    }

    /// <summary>A second person's decision on a dual-control request (the page already checked they are not the requester).</summary>
    private async Task<IResult> SecondAsync(HttpRequest request, IApprovalDecisionSink sink, Page page, bool approve, string? reason, Func<string> retryPage)
    {
        var payload = page.Token;
        var ct = request.HttpContext.RequestAborted;
        if (!await ledger.TryConsumeAsync(payload.TokenId, ct))
        {
            return Refuse(request, ApprovalRefusalReason.AlreadyUsed, payload);
        }
        var (result, stored) = await dualControl!.DecideAsync(page.Context.Request!, page.Approver, approve, reason, sink, ct);
        var standing = Standing(stored);
        switch (result)
        {
            case DualControlDecision.AlreadyRecorded:
                return AlreadyRecorded(request, payload, standing!);
            case DualControlDecision.Refused:
                return Refuse(request, stored.Status == DualControlStatus.Expired ? ApprovalRefusalReason.Expired : ApprovalRefusalReason.DecisionStands, payload, standing);
            case DualControlDecision.Undelivered:
                await ledger.ReleaseAsync(payload.TokenId, CancellationToken.None);
                LogSecondUndelivered(logger, payload.IncidentId, payload.RequestId ?? "");
                return Html(request, StatusCodes.Status503ServiceUnavailable, retryPage());
        }
        var outcome = approve ? ApprovalOutcome.Approved : ApprovalOutcome.Rejected;
        LogDecided(logger, payload.IncidentId, payload.ActionId, payload.Tier, outcome, page.Approver.Name);
        return Html(request, StatusCodes.Status200OK, ApprovalPageRenderer.RenderConfirmation(Decision(page, outcome, stored.DecidedAt ?? time.GetUtcNow())
            with { ActionId = stored.Summary, Reason = reason }));
    }

    private static StandingDecision? Standing(DualControlRequest request) => request.Status switch
    {
        DualControlStatus.Approved => new StandingDecision(ApprovalOutcome.Approved, request.DecidedBy ?? "", request.DecidedAt ?? request.CreatedAt),
        DualControlStatus.Rejected => new StandingDecision(ApprovalOutcome.Rejected, request.DecidedBy ?? "", request.DecidedAt ?? request.CreatedAt),
        _ => null,
    };

    /// <summary>The key of the one decision a token asks for: its step and tier, its notice, or its dual-control request.</summary>
    private static string DecisionKey(ApprovalToken token) => token.Purpose switch
    {
        ApprovalPurpose.Notice => $"notice|{token.IncidentId}|{token.NoticeId}",
        ApprovalPurpose.DualControl => $"dual-control|{token.IncidentId}|{token.RequestId}",
        _ => $"approval|{token.IncidentId}|{token.ActionId}|{token.Tier}",
    };

    private IResult AlreadyRecorded(HttpRequest request, ApprovalToken payload, StandingDecision standing)
    {
        LogAlreadyRecorded(logger, payload.IncidentId, payload.ActionId, payload.Tier);
        return WantsJson(request)
            ? Results.Json(new { incident = payload.IncidentId, action = payload.ActionId, tier = payload.Tier, status = "already-recorded",
                decision = WireNames.Of(standing.Outcome), decidedBy = standing.DecidedBy, decidedAt = standing.DecidedAt })
            : Html(request, StatusCodes.Status200OK, ApprovalPageRenderer.RenderAlreadyRecorded(payload, standing));
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
            case ApprovalTokenStatus.KeyRetired:
                return new(Refuse(request, ApprovalRefusalReason.KeyRetired, null));
            case ApprovalTokenStatus.Expired:
                if (validation.Token is { Purpose: ApprovalPurpose.DualControl, RequestId: { } expiredRequest } && dualControl is not null)
                {
                    // Nobody seconded it in time: the expiry is recorded on the request (nothing is raised).
                    await dualControl.GetAsync(validation.Token.IncidentId, expiredRequest, ct);
                }
                return new(Refuse(request, ApprovalRefusalReason.Expired, validation.Token));
        }
        var payload = validation.Token!;
        // Dual-control links land on the approval page: a second person approves or rejects, like a step.
        if (payload.Purpose != purpose && !(purpose == ApprovalPurpose.Approval && payload.Purpose == ApprovalPurpose.DualControl))
        {
            return new(Refuse(request, ApprovalRefusalReason.WrongPage, payload));
        }
        if (await ledger.IsConsumedAsync(payload.TokenId, ct))
        {
            return new(Refuse(request, ApprovalRefusalReason.AlreadyUsed, payload));
        }
        var approver = await identities.ResolveAsync(request, ct);
        if (approver is null || string.IsNullOrWhiteSpace(approver.Name))
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
            // Decided on the object ID (or app role): a UPN that matches a listed approver is not enough.
            LogWrongApprover(logger, payload.IncidentId, payload.ActionId, payload.Tier, approver.Name);
            return new(Refuse(request, ApprovalRefusalReason.WrongApprover, payload));
        }
        if (context.Request is { } second)
        {
            if (dualControl is null)
            {
                return new(Refuse(request, ApprovalRefusalReason.UnknownIncident, payload));
            }
            second = await dualControl.ExpireIfDueAsync(second, ct);
            if (second.Status == DualControlStatus.Expired)
            {
                return new(Refuse(request, ApprovalRefusalReason.Expired, payload));
            }
            if (Standing(second) is { } decided)
            {
                return new(AlreadyDecided(request, payload, decided));
            }
            if (string.Equals(second.RequestedByObjectId, approver.ObjectId ?? approver.Name, StringComparison.OrdinalIgnoreCase))
            {
                LogSamePerson(logger, payload.IncidentId, second.RequestId);
                return new(Refuse(request, ApprovalRefusalReason.SamePerson, payload));
            }
            context = context with { Request = second };
        }
        return new(null, new Page(payload, context, approver));
    }

    /// <summary>A request that another person already decided: shown on the page (a GET), so nobody fills in a dead form.</summary>
    private IResult AlreadyDecided(HttpRequest request, ApprovalToken payload, StandingDecision standing) =>
        Refuse(request, ApprovalRefusalReason.DecisionStands, payload, standing);

    /// <summary>
    /// The refusal, as the page a person sees, or as problem+json for a client that asks for JSON (<c>Accept</c>); both say
    /// why, what stands (when a decision does) and that nothing was changed.
    /// </summary>
    private IResult Refuse(HttpRequest request, ApprovalRefusalReason reason, ApprovalToken? payload, StandingDecision? standing = null)
    {
        LogRefused(logger, reason, payload?.IncidentId, payload?.ActionId, payload?.Tier);
        var status = reason switch
        {
            ApprovalRefusalReason.Malformed => StatusCodes.Status400BadRequest,
            ApprovalRefusalReason.NotSignedIn => StatusCodes.Status401Unauthorized,
            ApprovalRefusalReason.UnknownIncident or ApprovalRefusalReason.WrongPage => StatusCodes.Status404NotFound,
            ApprovalRefusalReason.AlreadyUsed or ApprovalRefusalReason.DecisionStands => StatusCodes.Status409Conflict,
            ApprovalRefusalReason.Expired or ApprovalRefusalReason.KeyRetired => StatusCodes.Status410Gone,
            _ => StatusCodes.Status403Forbidden,
        };
        if (WantsJson(request))
        {
            var (title, text) = ApprovalPageRenderer.RefusalText(reason, standing);
            return Problems.Create(status, title, text + " Nothing was changed.", [WireNames.Of(reason)]);
        }
        return Html(request, status, ApprovalPageRenderer.RenderRefusal(reason, standing));
    }

    /// <summary>A client that asks for JSON (and not HTML) gets problem+json instead of a page.</summary>
    private static bool WantsJson(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.Contains("json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    private static IResult Html(HttpRequest request, int status, string html)
    {
        var headers = request.HttpContext.Response.Headers;
        // The token is in the URL: keep it out of caches, frames and other sites' Referer headers. Same-origin (not
        // no-referrer) so that the page's own form post carries its real Origin, which OriginPolicy checks; under
        // no-referrer a browser sends "Origin: null".
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "same-origin";
        headers["X-Content-Type-Options"] = "nosniff";
        headers["X-Frame-Options"] = "DENY";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }

    private sealed record CheckResult(IResult? Refusal, Page? Page = null);

    /// <summary>A token that checked out: what it authorises, the page's context, and the signed-in approver.</summary>
    private sealed record Page(ApprovalToken Token, ApprovalContext Context, CallerIdentity Approver);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Approval page refused ({Reason}) for incident {IncidentId}, action {ActionId}, tier {Tier}")]
    private static partial void LogRefused(ILogger logger, ApprovalRefusalReason reason, string? incidentId, string? actionId, string? tier);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "{Approver} is not an approver for incident {IncidentId}, action {ActionId}, tier {Tier}")]
    private static partial void LogWrongApprover(ILogger logger, string incidentId, string actionId, string tier, string approver);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Incident {IncidentId}, action {ActionId}, tier {Tier}: {Outcome} by {Approver}")]
    private static partial void LogDecided(ILogger logger, string incidentId, string actionId, string tier, ApprovalOutcome outcome, string approver);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "Decision for incident {IncidentId}, action {ActionId}, tier {Tier} could not be delivered; token released for retry")]
    private static partial void LogDecisionUndelivered(ILogger logger, Exception exception, string incidentId, string actionId, string tier);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Warning, Message = "Incident {IncidentId}: the requester of {RequestId} tried to second it")]
    private static partial void LogSamePerson(ILogger logger, string incidentId, string requestId);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Information, Message = "Incident {IncidentId}, action {ActionId}, tier {Tier}: the same decision was already recorded")]
    private static partial void LogAlreadyRecorded(ILogger logger, string incidentId, string actionId, string tier);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Error, Message = "Incident {IncidentId}: approved request {RequestId} could not be raised; it is pending again")]
    private static partial void LogSecondUndelivered(ILogger logger, string incidentId, string requestId);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "Approval or notice form post refused: {Why}")]
    private static partial void LogCrossOrigin(ILogger logger, string why);
}
