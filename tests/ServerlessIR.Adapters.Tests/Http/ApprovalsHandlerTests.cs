using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Secrets;
using ServerlessIR.TestSupport.Fakes;

namespace ServerlessIR.Adapters.Tests.Http;

public sealed class ApprovalsHandlerTests
{
    private const string Approver = "security-lead@northwind.example";

    /// <summary>The default playbook's object ID for <see cref="Approver"/>: the local resolver reads it from there.</summary>
    private const string ApproverObjectId = "00000000-0000-0000-0000-0000000a0001";

    private static readonly StaticPlaybookProvider Playbook = new(PlaybookLoader.LoadDefault());
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().BuildServiceProvider();

    private readonly ApprovalTokenService tokens = new(new Secret(), new ApprovalTokenOptions());
    private readonly InMemoryApprovalTokenLedger ledger = new();
    private readonly RecordingSink sink = new();
    private readonly FakeTimeProvider time = new(Now);

    private sealed class Secret : ISecretStore
    {
        public Task<string> GetSecretAsync(string name, CancellationToken ct = default) => Task.FromResult("an-approval-signing-key-of-at-least-32-chars");
    }

    private sealed class RecordingSink : IApprovalDecisionSink
    {
        public List<ApprovalDecision> Decisions { get; } = [];
        public bool Fail { get; set; }

        public Task RaiseDecisionAsync(ApprovalDecision decision, CancellationToken ct)
        {
            if (Fail)
            {
                throw new InvalidOperationException("orchestration not reachable");
            }
            Decisions.Add(decision);
            return Task.CompletedTask;
        }

        public Task RaiseIncidentEventAsync(string incidentId, IncidentEvent incidentEvent, CancellationToken ct) => Task.CompletedTask;
    }

    private sealed class Contexts(string allowedObjectId = ApproverObjectId) : IApprovalContextSource
    {
        public Task<ApprovalContext?> GetAsync(ApprovalToken token, CancellationToken ct) => Task.FromResult<ApprovalContext?>(
            token.IncidentId != "inc-1" ? null : new ApprovalContext
            {
                Incident = new ApprovalBrief
                {
                    IncidentId = "inc-1", Severity = "SEV1", AiSystem = "Checkout fraud scoring", DataCategories = ["contact"],
                    RequestedAction = "Freeze Salesforce user", ActionEffect = "Fraud scoring falls back to rules.",
                    NearestDeadline = Now.AddHours(60), NearestDeadlineRegime = "gdpr-art33",
                },
                AllowedApprovers = [Approver],
                AllowedObjectIds = [allowedObjectId],
                Notice = token.NoticeId is null ? null : new NoticeDraft
                {
                    NoticeId = token.NoticeId, Regime = "gdpr-art33", Recipient = "HmbBfDI", Title = "Art. 33 notice",
                    BodyHtml = "<p>Drafted notice body</p>", Deadline = Now.AddHours(60),
                },
            });
    }

    private ApprovalsHandler Handler(ApproverIdentityOptions? identity = null, IApprovalContextSource? contexts = null) => new(
        tokens, ledger,
        new LocalApproverIdentityResolver(identity ?? new ApproverIdentityOptions { AllowApproverHeader = true }, playbooks: Playbook),
        contexts ?? new Contexts(), time, new OriginPolicy("https://func.example"), NullLogger<ApprovalsHandler>.Instance);

    private async Task<SignedApprovalToken> IssueAsync(string incident = "inc-1", ApprovalPurpose purpose = ApprovalPurpose.Approval) =>
        await tokens.IssueAsync(incident, "salesforce.freeze-user", "security-lead", purpose, Now.AddHours(1),
            purpose == ApprovalPurpose.Notice ? "ntc-1" : null);

    private static DefaultHttpContext Request(string method, string? approver = Approver, Dictionary<string, StringValues>? form = null, string? origin = null,
        string? cookie = null)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("func.example");
        context.Request.Path = "/api/approvals/x";
        if (approver is not null)
        {
            context.Request.Headers[LocalApproverIdentityResolver.HeaderName] = approver;
        }
        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = cookie;
        }
        if (form is not null)
        {
            context.Request.ContentType = "application/x-www-form-urlencoded";
            context.Request.Form = new FormCollection(form);
        }
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static async Task<(int Status, string Body)> ExecuteAsync(IResult result, DefaultHttpContext context)
    {
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body, Encoding.UTF8);
        return (context.Response.StatusCode, await reader.ReadToEndAsync());
    }

    private static Dictionary<string, StringValues> Form(string decision, string? reason = null) =>
        reason is null ? new() { ["decision"] = decision } : new() { ["decision"] = decision, ["reason"] = reason };

    private async Task<(int Status, string Body)> GetAsync(string token, string? approver = Approver)
    {
        var context = Request("GET", approver);
        return await ExecuteAsync(await Handler().GetAsync(context.Request, token), context);
    }

    private async Task<(int Status, string Body)> PostAsync(string token, Dictionary<string, StringValues> form, string? approver = Approver, string? origin = null,
        string? cookie = null)
    {
        var context = Request("POST", approver, form, origin, cookie);
        return await ExecuteAsync(await Handler().PostAsync(context.Request, token, sink), context);
    }

    [Fact]
    public async Task GetAsync_ValidToken_ShowsFormWithNoStoreHeaders()
    {
        var token = await IssueAsync();
        var context = Request("GET");
        var (status, body) = await ExecuteAsync(await Handler().GetAsync(context.Request, token.Value), context);
        Assert.Equal(200, status);
        Assert.Contains("value=\"approve\"", body, StringComparison.Ordinal);
        Assert.Contains("Freeze Salesforce user", body, StringComparison.Ordinal);
        Assert.Equal("no-store", context.Response.Headers.CacheControl.ToString());
        // Same-origin, not no-referrer: under no-referrer the page's own form post would carry "Origin: null".
        Assert.Equal("same-origin", context.Response.Headers["Referrer-Policy"].ToString());
    }

    [Fact]
    public async Task GetAsync_Twice_LeavesTokenUsable()
    {
        var token = await IssueAsync();
        Assert.Equal(200, (await GetAsync(token.Value)).Status);
        Assert.Equal(200, (await GetAsync(token.Value)).Status);
        Assert.False(await ledger.IsConsumedAsync(token.Payload.TokenId));
        Assert.Equal(200, (await PostAsync(token.Value, Form("approve"))).Status);
    }

    [Fact]
    public async Task PostAsync_Approve_RaisesDecisionAndConsumes()
    {
        var token = await IssueAsync();
        var (status, body) = await PostAsync(token.Value, Form("approve"));
        Assert.Equal(200, status);
        Assert.Contains("You approved this step.", body, StringComparison.Ordinal);
        var decision = Assert.Single(sink.Decisions);
        Assert.Equal(ApprovalOutcome.Approved, decision.Outcome);
        Assert.Equal(Approver, decision.DecidedBy);
        Assert.Equal("approval:salesforce.freeze-user:security-lead", decision.EventName);
        Assert.True(await ledger.IsConsumedAsync(token.Payload.TokenId));
    }

    [Fact]
    public async Task PostAsync_SecondTime_RefusedAsAlreadyUsed()
    {
        var token = await IssueAsync();
        await PostAsync(token.Value, Form("approve"));
        var (status, body) = await PostAsync(token.Value, Form("reject", "changed my mind"));
        Assert.Equal(409, status);
        Assert.Contains("already used", body, StringComparison.Ordinal);
        Assert.Single(sink.Decisions);
    }

    [Fact]
    public async Task GetAsync_AfterDecision_RefusedAsAlreadyUsed()
    {
        var token = await IssueAsync();
        await PostAsync(token.Value, Form("approve"));
        Assert.Equal(409, (await GetAsync(token.Value)).Status);
    }

    [Fact]
    public async Task PostAsync_WrongApprover_Refused403AndNothingConsumed()
    {
        var token = await IssueAsync();
        var (status, body) = await PostAsync(token.Value, Form("approve"), approver: "intern@northwind.example");
        Assert.Equal(403, status);
        Assert.Contains("not an approver", body, StringComparison.Ordinal);
        Assert.Empty(sink.Decisions);
        Assert.False(await ledger.IsConsumedAsync(token.Payload.TokenId));
    }

    [Fact]
    public async Task PostAsync_ApproverMatchIsCaseInsensitive()
    {
        var token = await IssueAsync();
        Assert.Equal(200, (await PostAsync(token.Value, Form("approve"), approver: "Security-Lead@Northwind.Example")).Status);
    }

    [Fact]
    public async Task PostAsync_RejectWithoutReason_Returns400FormAndConsumesNothing()
    {
        var token = await IssueAsync();
        var (status, body) = await PostAsync(token.Value, Form("reject", "   "));
        Assert.Equal(400, status);
        Assert.Contains("A rejection needs a reason", body, StringComparison.Ordinal);
        Assert.Empty(sink.Decisions);
        Assert.False(await ledger.IsConsumedAsync(token.Payload.TokenId));
    }

    [Fact]
    public async Task PostAsync_RejectWithReason_RaisesRejectionWithReason()
    {
        var token = await IssueAsync();
        Assert.Equal(200, (await PostAsync(token.Value, Form("reject", "Freezing stops all checkouts"))).Status);
        var decision = Assert.Single(sink.Decisions);
        Assert.Equal(ApprovalOutcome.Rejected, decision.Outcome);
        Assert.Equal("Freezing stops all checkouts", decision.Reason);
    }

    [Fact]
    public async Task PostAsync_ForgedToken_Refused403()
    {
        var token = await IssueAsync();
        var forged = token.Value[..^2] + (token.Value[^2] == 'A' ? "B" : "A") + token.Value[^1];
        var (status, body) = await PostAsync(forged, Form("approve"));
        Assert.Equal(403, status);
        Assert.Contains("not valid", body, StringComparison.Ordinal);
        Assert.Empty(sink.Decisions);
    }

    [Fact]
    public async Task GetAsync_MalformedToken_Refused400() =>
        Assert.Equal(400, (await GetAsync("not-a-token")).Status);

    [Fact]
    public async Task PostAsync_ExpiredToken_Refused410()
    {
        var token = await IssueAsync();
        time.SetUtcNow(Now.AddHours(2));
        Assert.Equal(410, (await PostAsync(token.Value, Form("approve"))).Status);
        Assert.Empty(sink.Decisions);
    }

    [Fact]
    public async Task GetAsync_NoIdentity_Refused401()
    {
        var token = await IssueAsync();
        Assert.Equal(401, (await GetAsync(token.Value, approver: null)).Status);
    }

    [Fact]
    public async Task GetAsync_UnknownIncident_Refused404()
    {
        var token = await IssueAsync("inc-unknown");
        Assert.Equal(404, (await GetAsync(token.Value)).Status);
    }

    [Fact]
    public async Task PostAsync_NoticeTokenOnApprovalRoute_Refused404()
    {
        var token = await IssueAsync(purpose: ApprovalPurpose.Notice);
        Assert.Equal(404, (await PostAsync(token.Value, Form("approve"))).Status);
        Assert.Empty(sink.Decisions);
    }

    [Fact]
    public async Task PostAsync_CrossSiteOrigin_Refused403()
    {
        var token = await IssueAsync();
        Assert.Equal(403, (await PostAsync(token.Value, Form("approve"), origin: "https://evil.example")).Status);
        Assert.Empty(sink.Decisions);
    }

    [Fact]
    public async Task PostAsync_PublicOrigin_Recorded()
    {
        var token = await IssueAsync();
        Assert.Equal(200, (await PostAsync(token.Value, Form("approve"), origin: "https://func.example")).Status);
        Assert.Single(sink.Decisions);
    }

    [Fact]
    public async Task PostAsync_OriginMatchesHostButNotPublicUrl_Refused403()
    {
        var token = await IssueAsync();
        var context = Request("POST", form: Form("approve"), origin: "https://internal.example");
        context.Request.Host = new HostString("internal.example");
        var (status, _) = await ExecuteAsync(await Handler().PostAsync(context.Request, token.Value, sink), context);
        Assert.Equal(403, status);
        Assert.Empty(sink.Decisions);
    }

    [Fact]
    public async Task PostAsync_CookieWithoutOriginOrReferer_Refused403()
    {
        var token = await IssueAsync();
        Assert.Equal(403, (await PostAsync(token.Value, Form("approve"), cookie: "AppServiceAuthSession=abc")).Status);
        Assert.Empty(sink.Decisions);
    }

    [Fact]
    public async Task PostAsync_ReasonOverLimit_Refused400NamingFieldAndLimit()
    {
        var token = await IssueAsync();
        var (status, body) = await PostAsync(token.Value, Form("reject", new string('x', FormLimits.FreeText + 1)));
        Assert.Equal(400, status);
        Assert.Contains($"reason: at most {FormLimits.FreeText} characters", body, StringComparison.Ordinal);
        Assert.Empty(sink.Decisions);
        Assert.False(await ledger.IsConsumedAsync(token.Payload.TokenId));
    }

    [Fact]
    public async Task PostAsync_ReasonWithBrowserLineBreaks_CountsEachBreakOnce()
    {
        var token = await IssueAsync();
        // What a textarea with maxlength=2000 submits: its line breaks as CRLF, each counted once by the browser.
        var reason = string.Join("\r\n", Enumerable.Repeat(new string('x', 99), FormLimits.FreeText / 100));
        Assert.Equal(200, (await PostAsync(token.Value, Form("reject", reason))).Status);
        Assert.Equal(reason.Replace("\r\n", "\n", StringComparison.Ordinal), Assert.Single(sink.Decisions).Reason);
    }

    [Fact]
    public async Task PostAsync_DecisionSentTwice_Refused400()
    {
        var token = await IssueAsync();
        var (status, body) = await PostAsync(token.Value, new() { ["decision"] = new StringValues(["approve", "reject"]) });
        Assert.Equal(400, status);
        Assert.Contains("decision: sent 2 times", body, StringComparison.Ordinal);
        Assert.Empty(sink.Decisions);
    }

    [Fact]
    public async Task PostAsync_ReasonWithControlCharacter_Refused400()
    {
        var token = await IssueAsync();
        var (status, body) = await PostAsync(token.Value, Form("reject", "looks fine\u0007"));
        Assert.Equal(400, status);
        Assert.Contains("reason: control character U+0007", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAsync_JsonInsteadOfForm_Refused415()
    {
        var token = await IssueAsync();
        var context = Request("POST");
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("{\"decision\":\"approve\"}"));
        var (status, _) = await ExecuteAsync(await Handler().PostAsync(context.Request, token.Value, sink), context);
        Assert.Equal(415, status);
        Assert.Empty(sink.Decisions);
    }

    [Fact]
    public async Task PostAsync_FormOverBodyLimit_Refused413()
    {
        var token = await IssueAsync();
        var context = Request("POST");
        var body = "decision=approve&reason=" + new string('x', FormLimits.MaxBodyBytes);
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        var (status, _) = await ExecuteAsync(await Handler().PostAsync(context.Request, token.Value, sink), context);
        Assert.Equal(413, status);
        Assert.Empty(sink.Decisions);
    }

    [Fact]
    public async Task PostNoticeAsync_ReferenceOverLimitOrMultiline_Refused400NamingField()
    {
        var token = await IssueAsync(purpose: ApprovalPurpose.Notice);
        foreach (var reference in new[] { new string('7', FormLimits.Name + 1), "HH-1\nHH-2" })
        {
            var post = Request("POST", form: new() { ["decision"] = "submitted", ["reference"] = reference });
            var (status, body) = await ExecuteAsync(await Handler().PostNoticeAsync(post.Request, token.Value, sink), post);
            Assert.Equal(400, status);
            Assert.Contains("reference: ", body, StringComparison.Ordinal);
        }
        Assert.Empty(sink.Decisions);
    }

    [Fact]
    public async Task PostAsync_SinkFails_Returns503AndReleasesToken()
    {
        var token = await IssueAsync();
        sink.Fail = true;
        Assert.Equal(503, (await PostAsync(token.Value, Form("approve"))).Status);
        Assert.False(await ledger.IsConsumedAsync(token.Payload.TokenId));
        sink.Fail = false;
        Assert.Equal(200, (await PostAsync(token.Value, Form("approve"))).Status);
    }

    [Fact]
    public async Task NoticePages_ShowDraftThenRecordSubmissionWithReference()
    {
        var token = await IssueAsync(purpose: ApprovalPurpose.Notice);
        var get = Request("GET");
        var (getStatus, page) = await ExecuteAsync(await Handler().GetNoticeAsync(get.Request, token.Value), get);
        Assert.Equal(200, getStatus);
        Assert.Contains("<p>Drafted notice body</p>", page, StringComparison.Ordinal);
        Assert.Contains("not legal advice", page, StringComparison.Ordinal);

        var post = Request("POST", form: new() { ["decision"] = "submitted", ["reference"] = "HH-2026-0042" });
        var (status, _) = await ExecuteAsync(await Handler().PostNoticeAsync(post.Request, token.Value, sink), post);
        Assert.Equal(200, status);
        var decision = Assert.Single(sink.Decisions);
        Assert.Equal(ApprovalOutcome.Submitted, decision.Outcome);
        Assert.Equal("HH-2026-0042", decision.ReferenceNumber);
        Assert.Equal("notice:ntc-1", decision.EventName);
    }

    [Fact]
    public async Task PostAsync_UpnMatchesButObjectIdDoesNot_Refused403AndNothingRaised()
    {
        // The tier's group says the approver is someone else (another object ID) under the same UPN: a renamed or reused
        // account. The UPN is not enough.
        var token = await IssueAsync();
        var context = Request("POST", Approver, Form("approve"));
        var (status, body) = await ExecuteAsync(await Handler(contexts: new Contexts("11111111-2222-3333-4444-555555555555")).PostAsync(context.Request, token.Value, sink), context);
        Assert.Equal(403, status);
        Assert.Contains("not an approver", body, StringComparison.Ordinal);
        Assert.Empty(sink.Decisions);
    }

    [Fact]
    public async Task PostAsync_ReminderLinkAfterOriginalDecided_DifferentDecisionRefusedWithTheOneThatStands()
    {
        var original = await IssueAsync();
        var reminder = await IssueAsync();
        Assert.Equal(200, (await PostAsync(original.Value, Form("approve"))).Status);

        var (status, body) = await PostAsync(reminder.Value, Form("reject", "changed my mind"));

        Assert.Equal(409, status);
        Assert.Contains("Approved by " + Approver, body, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", body, StringComparison.Ordinal);
        Assert.Equal(ApprovalOutcome.Approved, Assert.Single(sink.Decisions).Outcome);
    }

    [Fact]
    public async Task PostAsync_ReminderLinkWithSameDecision_ShownAsAlreadyRecordedAndRaisedOnce()
    {
        var original = await IssueAsync();
        var reminder = await IssueAsync();
        Assert.Equal(200, (await PostAsync(original.Value, Form("approve"))).Status);

        var (status, body) = await PostAsync(reminder.Value, Form("approve"));

        Assert.Equal(200, status);
        Assert.Contains("Already recorded", body, StringComparison.Ordinal);
        Assert.Single(sink.Decisions);
    }

    [Fact]
    public async Task PostAsync_DifferentDecisionAskingForJson_ProblemJsonNamingTheDecisionThatStands()
    {
        var original = await IssueAsync();
        var reminder = await IssueAsync();
        Assert.Equal(200, (await PostAsync(original.Value, Form("approve"))).Status);
        var context = Request("POST", Approver, Form("reject", "no"));
        context.Request.Headers.Accept = "application/json";

        var (status, body) = await ExecuteAsync(await Handler().PostAsync(context.Request, reminder.Value, sink), context);

        Assert.Equal(409, status);
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        Assert.Contains("Approved by " + Approver, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_LinkSignedWithRetiredKey_Refused410WithPageSayingSo()
    {
        var secrets = new Dictionary<string, string> { ["approval-signing-key"] = new string('a', 40) };
        var rotating = new ApprovalTokenService(new DictionarySecrets(secrets), new ApprovalTokenOptions { KeyCacheSeconds = 0 });
        var old = await rotating.IssueAsync("inc-1", "salesforce.freeze-user", "security-lead", ApprovalPurpose.Approval, Now.AddHours(1));
        secrets["approval-signing-key"] = new string('b', 40);
        secrets["approval-signing-key-previous"] = new string('c', 40);
        var handler = new ApprovalsHandler(rotating, ledger, new LocalApproverIdentityResolver(new ApproverIdentityOptions { AllowApproverHeader = true }, playbooks: Playbook),
            new Contexts(), time, new OriginPolicy("https://func.example"), NullLogger<ApprovalsHandler>.Instance);
        var context = Request("GET");

        var (status, body) = await ExecuteAsync(await handler.GetAsync(context.Request, old.Value), context);

        Assert.Equal(410, status);
        Assert.Contains("signing key was retired", body, StringComparison.Ordinal);
    }

    private sealed class DictionarySecrets(Dictionary<string, string> values) : ISecretStore
    {
        public Task<string> GetSecretAsync(string name, CancellationToken cancellationToken = default) =>
            values.TryGetValue(name, out var value) ? Task.FromResult(value) : throw new KeyNotFoundException(name);
    }
}
