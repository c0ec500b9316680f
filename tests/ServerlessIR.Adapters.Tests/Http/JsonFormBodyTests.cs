using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Adapters.Tests.Http;

public sealed class JsonFormBodyTests
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();

    private static HttpRequest Request(string? contentType, byte[] body)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Method = "POST";
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(body);
        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    private static async Task<(int Status, JsonNode? Problem)> RefusalAsync(HttpRequest request)
    {
        var (_, refusal) = await JsonFormBody.ReadAsync(request);
        Assert.NotNull(refusal);
        var context = request.HttpContext;
        await refusal.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, await JsonNode.ParseAsync(context.Response.Body));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData(null)]
    public async Task ReadAsync_NotJson_Refused415NamingContentType(string? contentType)
    {
        var (status, problem) = await RefusalAsync(Request(contentType, "{\"reason\":\"x\"}"u8.ToArray()));
        Assert.Equal(415, status);
        Assert.Equal("Content-Type", (string?)problem!["errors"]![0]);
    }

    [Fact]
    public async Task ReadAsync_JsonWithCharset_ReadsBody()
    {
        var (body, refusal) = await JsonFormBody.ReadAsync(Request("application/json; charset=utf-8", "{\"reason\":\"x\"}"u8.ToArray()));
        Assert.Null(refusal);
        Assert.Equal("{\"reason\":\"x\"}", body);
    }

    [Fact]
    public async Task ReadAsync_OverLimitWithoutContentLength_Refused413()
    {
        var (status, _) = await RefusalAsync(Request("application/json", new byte[FormLimits.MaxBodyBytes + 1]));
        Assert.Equal(413, status);
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8_Refused400()
    {
        // An encoded lone surrogate (U+D800 as UTF-8 bytes) is not UTF-8.
        var (status, problem) = await RefusalAsync(Request("application/json", [.. "{\"reason\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8]));
        Assert.Equal(400, status);
        Assert.Contains("UTF-8", (string?)problem!["detail"], StringComparison.Ordinal);
    }
}
