using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using ServerlessIR.Adapters.Retention;

namespace ServerlessIR.Functions;

/// <summary>
/// Daily at 03:30 UTC: purges what the operational stores hold past its period (ended durable instances, raw alerts,
/// rejected events, delivery claims, dead letters; <c>ServerlessIR:Retention</c>) and records the counts. Evidence is
/// never swept. A single-instance timer in Functions; a missed run is simply done by the next one.
/// </summary>
public sealed partial class RetentionSweepFunction(RetentionSweeper sweeper, ILogger<RetentionSweepFunction> logger)
{
    [Function("RetentionSweep")]
    public async Task Run([TimerTrigger("0 30 3 * * *")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(durable);
        var result = await sweeper.SweepAsync([new TaskHubClient(null, durable)], dryRun: false, cancellationToken);
        LogSwept(logger, result.Total, result.Succeeded);
    }

    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "Retention sweep purged {Total} item(s); every store swept: {Succeeded}")]
    private static partial void LogSwept(ILogger logger, int total, bool succeeded);
}
