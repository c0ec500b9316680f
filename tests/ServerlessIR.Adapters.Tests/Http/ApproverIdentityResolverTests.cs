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
            await resolver.ResolveAsync(WithHeader(AppServiceApproverIdentityResolver.HeaderName, Encoded)));
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
    public async Task Local_HeaderEnabled_UsesHeader()
    {
        var resolver = new LocalApproverIdentityResolver(new ApproverIdentityOptions { AllowApproverHeader = true, ApproverIdentity = "dpo@northwind.example" });
        Assert.Equal("ciso@northwind.example", await resolver.ResolveAsync(WithHeader(LocalApproverIdentityResolver.HeaderName, "ciso@northwind.example")));
    }

    [Fact]
    public async Task Local_HeaderDisabled_UsesConfiguredIdentity()
    {
        var resolver = new LocalApproverIdentityResolver(new ApproverIdentityOptions { ApproverIdentity = "dpo@northwind.example" });
        Assert.Equal("dpo@northwind.example", await resolver.ResolveAsync(WithHeader(LocalApproverIdentityResolver.HeaderName, "ciso@northwind.example")));
    }
}
