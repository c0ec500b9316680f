using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Core.Ingestion.Polling;
using ServerlessIR.Core.Salesforce;

namespace ServerlessIR.Local.Hosting;

/// <summary>
/// The local counterpart of the Functions timer <c>SalesforceRelay</c>: polls the Salesforce stand-in's event stores every
/// few seconds and publishes new records to this host's own webhook, so a drill can start from a Salesforce anomaly.
/// </summary>
public sealed partial class LocalSalesforceRelay(SalesforceEventStorePoller poller, IOptions<RelayOptions> options, ILogger<LocalSalesforceRelay> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval);
        do
        {
            try
            {
                var result = await poller.PollAsync(stoppingToken);
                foreach (var failure in result.Failures)
                {
                    LogFailure(logger, failure);
                }
            }
            // The webhook not yet listening, or answering 503 while a racing copy settles: the next tick tries again.
            catch (Azure.RequestFailedException ex)
            {
                LogPublishFailed(logger, ex.Status);
            }
            catch (SalesforceApiException ex)
            {
                LogFailure(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Local Salesforce relay: {Failure}")]
    private static partial void LogFailure(ILogger logger, string failure);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Local Salesforce relay: the webhook answered {Status}; retrying next tick")]
    private static partial void LogPublishFailed(ILogger logger, int status);
}
