using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using ServerlessIR.Adapters.Ticketing;
using ServerlessIR.Core.Ticketing;

namespace ServerlessIR.Functions;

/// <summary>
/// The incident's ticket (docs/lifecycle.md#ticketing): the activity that opens and updates it, and every minute a poll for
/// tickets someone closed in ServiceNow, which tells each running incident so it asks for its post-incident review. Both
/// do nothing unless the playbook names a ticketing system.
/// </summary>
public sealed partial class TicketingFunctions(SyncTicketActivity sync, TicketClosurePoller poller, ILogger<TicketingFunctions> logger)
{
    [Function(nameof(SyncTicketActivity))]
    public Task<TicketOpening> SyncTicket([ActivityTrigger] TicketSyncRequest input, FunctionContext function) =>
        sync.RunFromFunctionAsync(input, function);

    [Function("TicketClosurePoll")]
    public async Task Poll([TimerTrigger("0 */1 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(client);
        var told = await poller.PollAsync(client, cancellationToken);
        if (told > 0)
        {
            LogTold(logger, told);
        }
    }

    [LoggerMessage(EventId = 8301, Level = LogLevel.Information, Message = "Ticket poll: {Told} incident(s) told their ticket was closed in the ticketing system")]
    private static partial void LogTold(ILogger logger, int told);
}
