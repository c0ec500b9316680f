using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Adapters.Ticketing;

namespace ServerlessIR.Local.Hosting;

/// <summary>
/// The local counterpart of the Functions timer <c>TicketClosurePoll</c>: every few seconds (the relay's interval) finds
/// tickets closed on the ServiceNow stand-in and tells their incidents. Idle when the playbook names no ticketing system.
/// </summary>
public sealed partial class LocalTicketPoller(IServiceProvider services, DurableTaskClient client, IOptions<RelayOptions> options, ILogger<LocalTicketPoller> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval);
        do
        {
            try
            {
                await services.GetRequiredService<TicketClosurePoller>().PollAsync(client, stoppingToken);
            }
            // The stand-in refusing or not yet listening: the next tick tries again, as the timer function's next run would.
            catch (Exception ex) when (ex is TicketSystemException or HttpRequestException or Azure.RequestFailedException)
            {
                LogPollFailed(logger, ex.GetType().Name, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 1321, Level = LogLevel.Warning, Message = "Local ticket poll failed ({ExceptionType}: {Message}); retrying next tick")]
    private static partial void LogPollFailed(ILogger logger, string exceptionType, string message);
}
