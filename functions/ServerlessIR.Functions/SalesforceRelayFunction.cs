using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Core.Ingestion.Polling;

namespace ServerlessIR.Functions;

/// <summary>
/// Every minute: reads Salesforce's threat-detection event stores in every playbook org and publishes new records to the
/// Event Grid topic (Salesforce's Event Relay reaches only Amazon EventBridge). A single-instance timer in Functions, so two
/// runs never overlap; the high-water mark and the CloudEvent IDs keep each record published once.
/// </summary>
public sealed partial class SalesforceRelayFunction(SalesforceEventStorePoller poller, IOptions<RelayOptions> options, ILogger<SalesforceRelayFunction> logger)
{
    [Function("SalesforceRelay")]
    public async Task Run([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (options.Value.TopicEndpoint is null)
        {
            LogNotConfigured(logger);
            return;
        }
        var result = await poller.PollAsync(cancellationToken);
        LogPolled(logger, result.Published, result.Failures.Count);
        foreach (var failure in result.Failures)
        {
            LogFailure(logger, failure);
        }
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Salesforce relay is off: ServerlessIR:Relay:TopicEndpoint is not set")]
    private static partial void LogNotConfigured(ILogger logger);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Salesforce relay published {Published} record(s); {Failures} store(s) failed")]
    private static partial void LogPolled(ILogger logger, int published, int failures);

    // Failures name org, store and Salesforce's error code and message, never record contents.
    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Salesforce relay: {Failure}")]
    private static partial void LogFailure(ILogger logger, string failure);
}
