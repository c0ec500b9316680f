using ServerlessIR.Adapters.Telemetry;

namespace ServerlessIR.Adapters.Tests.Telemetry;

public sealed class TelemetryExtensionsTests
{
    [Theory]
    [InlineData("/api/approvals/eyJpbmMiOiJ4In0.c2ln", "/api/approvals/[token]")]
    [InlineData("/api/notices/eyJpbmMiOiJ4In0.c2ln", "/api/notices/[token]")]
    [InlineData("/API/Approvals/abc.def", "/api/approvals/[token]")]
    public void RedactToken_ApprovalOrNoticePath_HidesToken(string path, string expected) =>
        Assert.Equal(expected, TelemetryExtensions.RedactToken(path));

    [Theory]
    [InlineData("/api/incidents/inc-1")]
    [InlineData("/api/approvals/")]
    [InlineData(null)]
    public void RedactToken_PathWithoutToken_LeavesItAlone(string? path) =>
        Assert.Null(TelemetryExtensions.RedactToken(path));
}
