using Microsoft.AspNetCore.Http;
using ServerlessIR.Adapters.Http;

namespace ServerlessIR.Adapters.Tests.Http;

public sealed class OriginPolicyTests
{
    private static HttpRequest Request(params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Host = new HostString("func-ir.azurewebsites.net");
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }
        return context.Request;
    }

    [Theory]
    [InlineData("https://func-ir.azurewebsites.net")]
    [InlineData("https://func-ir.azurewebsites.net:443")]
    [InlineData("HTTPS://FUNC-IR.azurewebsites.net")]
    public void Refusal_PublicOrigin_Allowed(string origin) =>
        Assert.Null(new OriginPolicy("https://func-ir.azurewebsites.net/").Refusal(Request(("Origin", origin))));

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://func-ir.azurewebsites.net")]
    [InlineData("https://func-ir.azurewebsites.net:8443")]
    [InlineData("null")]
    [InlineData("not a url")]
    public void Refusal_OtherOrigin_Refused(string origin) =>
        Assert.NotNull(new OriginPolicy("https://func-ir.azurewebsites.net").Refusal(Request(("Origin", origin))));

    [Fact]
    public void Refusal_RefererOnPublicOriginWithoutOrigin_Allowed() =>
        Assert.Null(new OriginPolicy("https://func-ir.azurewebsites.net").Refusal(
            Request(("Referer", "https://func-ir.azurewebsites.net/api/approvals/x"), ("Cookie", "AppServiceAuthSession=a"))));

    [Fact]
    public void Refusal_ForeignReferer_Refused() =>
        Assert.NotNull(new OriginPolicy("https://func-ir.azurewebsites.net").Refusal(Request(("Referer", "https://evil.example/form"))));

    [Fact]
    public void Refusal_CookieWithoutOriginOrReferer_Refused() =>
        Assert.NotNull(new OriginPolicy("https://func-ir.azurewebsites.net").Refusal(Request(("Cookie", "AppServiceAuthSession=a"))));

    [Fact]
    public void Refusal_ApiClientWithBearerAndNoCookie_Allowed() =>
        Assert.Null(new OriginPolicy("https://func-ir.azurewebsites.net").Refusal(Request(("Authorization", "Bearer eyJ..."))));

    [Fact]
    public void Refusal_SecFetchSiteCrossSite_RefusedEvenWithPublicOrigin() =>
        Assert.NotNull(new OriginPolicy("https://func-ir.azurewebsites.net").Refusal(
            Request(("Origin", "https://func-ir.azurewebsites.net"), ("Sec-Fetch-Site", "cross-site"))));

    [Theory]
    [InlineData("http://localhost:7071", true)]
    [InlineData("http://[::1]:7071", true)]
    [InlineData("http://127.0.0.1:7071", true)]
    [InlineData("http://localhost:7072", false)]
    public void Refusal_LoopbackPublicUrl_LoopbackNamesOnSamePortAreOneOrigin(string origin, bool allowed) =>
        Assert.Equal(allowed, new OriginPolicy("http://127.0.0.1:7071").Refusal(Request(("Origin", origin))) is null);
}
