using System.Text;
using Microsoft.AspNetCore.Http;
using ServerlessIR.Adapters.Http;

namespace ServerlessIR.Adapters.Tests.Http;

public sealed class ApproverIdentityResolverTests
{
    // The documented shape of App Service Authentication's X-MS-CLIENT-PRINCIPAL (decoded).
    private const string Principal = """
        {
          "auth_typ": "aad",
          "claims": [
            { "typ": "name", "val": "Sam Lead" },
            { "typ": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn", "val": "security-lead@northwind.example" },
            { "typ": "http://schemas.microsoft.com/identity/claims/objectidentifier", "val": "00000000-0000-0000-0000-0000000a0001" },
            { "typ": "roles", "val": "Approver" }
          ],
          "name_typ": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
          "role_typ": "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"
        }
        """;

    private static HttpRequest WithHeader(string name, string value)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[name] = value;
        return context.Request;
    }

    private static string Encoded => Convert.ToBase64String(Encoding.UTF8.GetBytes(Principal));

    [Fact]
    public async Task AppService_BehindAuth_ReadsUpnClaim()
    {
        var resolver = new AppServiceApproverIdentityResolver(new ApproverIdentityOptions { RunningBehindAppServiceAuth = true });
        Assert.Equal("security-lead@northwind.example",
            (await resolver.ResolveAsync(WithHeader(AppServiceApproverIdentityResolver.HeaderName, Encoded)))?.Name);
    }

    [Fact]
    public async Task AppService_BehindAuth_ReadsObjectIdAndRoles()
    {
        var resolver = new AppServiceApproverIdentityResolver(new ApproverIdentityOptions { RunningBehindAppServiceAuth = true });
        var caller = await resolver.ResolveAsync(WithHeader(AppServiceApproverIdentityResolver.HeaderName, Encoded));
        Assert.Equal("00000000-0000-0000-0000-0000000a0001", caller?.ObjectId);
        Assert.Equal(["Approver"], caller?.Roles);
    }

    [Fact]
    public void AppService_PrincipalWithUpnButNoObjectId_HasNoObjectId()
    {
        var withoutOid = Convert.ToBase64String(Encoding.UTF8.GetBytes(Principal.Replace("objectidentifier", "something-else", StringComparison.Ordinal)));
        var caller = AppServiceApproverIdentityResolver.ParseCaller(withoutOid);
        Assert.Equal("security-lead@northwind.example", caller?.Name);
        Assert.Null(caller?.ObjectId);
    }

    [Fact]
    public async Task AppService_NotBehindAuth_IgnoresHeader()
    {
        var resolver = new AppServiceApproverIdentityResolver(new ApproverIdentityOptions { RunningBehindAppServiceAuth = false });
        Assert.Null(await resolver.ResolveAsync(WithHeader(AppServiceApproverIdentityResolver.HeaderName, Encoded)));
    }

    [Fact]
    public void AppService_GarbageHeader_IsNobody() =>
        Assert.Null(AppServiceApproverIdentityResolver.Parse("%%%not-base64"));

    [Fact]
    public async Task Local_DrillHeaderEnabled_UsesHeader()
    {
        var resolver = new LocalApproverIdentityResolver(new ApproverIdentityOptions { AllowApproverHeader = true },
            playbooks: new Core.Playbooks.StaticPlaybookProvider(Core.Playbooks.PlaybookLoader.LoadDefault()));
        var caller = await resolver.ResolveAsync(WithHeader(LocalApproverIdentityResolver.HeaderName, "ciso@northwind.example"));
        Assert.Equal("ciso@northwind.example", caller?.Name);
        // The local directory is the playbook: the person's object ID comes from there.
        Assert.Equal("00000000-0000-0000-0000-0000000a0003", caller?.ObjectId);
    }

    [Fact]
    public async Task Local_BareHeaderOutsideDrill_IsNobody()
    {
        var resolver = new LocalApproverIdentityResolver(new ApproverIdentityOptions(), new LocalSessions());
        Assert.Null(await resolver.ResolveAsync(WithHeader(LocalApproverIdentityResolver.HeaderName, "ciso@northwind.example")));
    }

    [Fact]
    public async Task Local_SessionCookieFromRedeemedCode_IsThatPerson()
    {
        var sessions = new LocalSessions();
        var session = sessions.Redeem(sessions.IssueCode("dpo@northwind.example"))!.Value;
        var resolver = new LocalApproverIdentityResolver(new ApproverIdentityOptions(), sessions);

        var request = WithHeader("Cookie", $"{LocalSessions.CookieName}={session.SessionId}");

        Assert.Equal("dpo@northwind.example", (await resolver.ResolveAsync(request))?.Name);
        Assert.Null(await resolver.ResolveAsync(WithHeader("Cookie", $"{LocalSessions.CookieName}=guessed")));
    }

    [Fact]
    public void LocalSessions_CodeRedeemedTwice_SecondTimeRefused()
    {
        var sessions = new LocalSessions();
        var code = sessions.IssueCode("dpo@northwind.example");

        Assert.NotNull(sessions.Redeem(code));
        Assert.Null(sessions.Redeem(code));
        Assert.Null(sessions.Redeem(null));
    }
}
