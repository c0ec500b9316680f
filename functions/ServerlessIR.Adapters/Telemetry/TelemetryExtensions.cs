using System.Diagnostics;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ServerlessIR.Adapters.Telemetry;

/// <summary>
/// Traces through OpenTelemetry: the webhook request, the Durable Task spans (client, orchestration, activities) and outgoing
/// HTTP calls share one trace per incident. Exported to Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set.
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
                    tracing.AddAzureMonitorTraceExporter(o => o.ConnectionString = connectionString);
                }
                extra?.Invoke(tracing);
            });
        return services;
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
