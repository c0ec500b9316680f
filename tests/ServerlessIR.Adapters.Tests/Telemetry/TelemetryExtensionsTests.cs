using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
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

    // The connection string shape of a workspace-based component; no key in it (local auth is off).
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/";

    [Fact]
    public void ConfigureExporter_BicepAuthenticationString_SendsWithTheManagedIdentity()
    {
        var options = ExporterOptions(new()
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = ConnectionString,
            // What infra/app/function-app.bicep sets.
            ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD",
        });

        Assert.Equal(ConnectionString, options.ConnectionString);
        Assert.IsType<ManagedIdentityCredential>(options.Credential);
    }

    [Fact]
    public void ConfigureExporter_NoAuthenticationString_UsesTheConnectionStringAlone()
    {
        var options = ExporterOptions(new() { ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = ConnectionString });

        Assert.Null(options.Credential);
    }

    [Theory]
    [InlineData("Authorization=AAD", true)]
    [InlineData("authorization=aad; clientid=11111111-2222-3333-4444-555555555555", true)]
    [InlineData("Authorization=Key", false)]
    [InlineData("ClientId=11111111-2222-3333-4444-555555555555", false)]
    [InlineData("", false)]
    public void ExporterCredential_AuthenticationString_EntraIdOnlyWhenAuthorizationIsAad(string value, bool expected) =>
        Assert.Equal(expected, TelemetryExtensions.ExporterCredential(value) is ManagedIdentityCredential);

    private static AzureMonitorExporterOptions ExporterOptions(Dictionary<string, string?> settings)
    {
        var options = new AzureMonitorExporterOptions();
        TelemetryExtensions.ConfigureExporter(options, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return options;
    }
}
