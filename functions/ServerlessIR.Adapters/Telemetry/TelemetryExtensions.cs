using System.Diagnostics;
using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ServerlessIR.Adapters.Telemetry;

/// <summary>
/// Traces through OpenTelemetry: the webhook request, the Durable Task spans (client, orchestration, activities) and outgoing
/// HTTP calls share one trace per incident. Exported to Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set,
/// with an Entra ID token of the managed identity named by <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>
/// (<c>ClientId=...;Authorization=AAD</c>) when that is set.
/// </summary>
public static class TelemetryExtensions
{
    public const string SourceName = "ServerlessIR";

    /// <summary>Our own spans (ingestion, drills).</summary>
    public static ActivitySource Source { get; } = new(SourceName);

    public static IServiceCollection AddServerlessIRTelemetry(this IServiceCollection services, IConfiguration configuration, Action<TracerProviderBuilder>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("serverlessir"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(SourceName, "Microsoft.DurableTask", "Microsoft.DurableTask.*")
                    // Approval and notice links carry a one-time token in the path: traces keep the route, never the token.
                    .AddAspNetCoreInstrumentation(o => o.EnrichWithHttpRequest = (activity, request) =>
                    {
                        if (RedactToken(request.Path.Value) is { } path)
                        {
                            activity.SetTag("url.path", path);
                        }
                    })
                    .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (activity, request) =>
                    {
                        if (request.RequestUri is { } uri && RedactToken(uri.AbsolutePath) is { } path)
                        {
                            activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Authority) + path);
                        }
                    });
                if (!string.IsNullOrEmpty(connectionString))
                {
                    tracing.AddAzureMonitorTraceExporter(o => ConfigureExporter(o, configuration));
                }
                extra?.Invoke(tracing);
            });
        return services;
    }

    /// <summary>
    /// The exporter's settings from configuration: the connection string, and the credential of
    /// <see cref="ExporterCredential"/>. With local auth off (infra/app/monitoring.bicep) ingestion refuses telemetry
    /// without an Entra ID token, so the connection string alone would have every span dropped.
    /// </summary>
    public static void ConfigureExporter(AzureMonitorExporterOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        options.ConnectionString = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        options.Credential = ExporterCredential(configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    /// <summary>
    /// The credential the Azure Monitor exporter sends telemetry with: the managed identity named by an authentication
    /// string <c>Authorization=AAD[;ClientId=GUID]</c> (the form the Functions host reads too), or null (connection
    /// string only) when the string is absent or not Entra ID.
    /// </summary>
    public static TokenCredential? ExporterCredential(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }
        var parts = authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return parts.TryGetValue("ClientId", out var clientId) && !string.IsNullOrEmpty(clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }

    /// <summary>The path with an approval or notice token replaced, or null when the path carries none.</summary>
    public static string? RedactToken(string? path)
    {
        foreach (var prefix in (string[])["/api/approvals/", "/api/notices/"])
        {
            if (path is not null && path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && path.Length > prefix.Length)
            {
                return prefix + "[token]";
            }
        }
        return null;
    }
}
