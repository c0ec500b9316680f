using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace ServerlessIR.Local.Hosting.FunctionsApp;

/// <summary>
/// Fires every timer function of the Functions app at one local interval (a drill cannot wait for a once-a-minute CRON
/// schedule at 3600x). Like the Functions host, a failed run is logged and the next tick runs again, and runs of one
/// function never overlap. A timer that runs at most hourly in Azure (a fixed minute in its schedule, such as the daily
/// retention sweep) fires once, at start: a drill still drives it through its wrapper, without a sweep every tick.
/// </summary>
public sealed partial class LocalTimerTriggers(FunctionsAppDispatcher dispatcher, TimeSpan interval, TimeProvider time, ILogger<LocalTimerTriggers> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timers = dispatcher.Catalog.Of(FunctionTrigger.Timer).ToList();
        var last = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            foreach (var function in timers.Where(f => !last.ContainsKey(f.Name) || EveryMinute(f)))
            {
                var now = time.GetUtcNow().UtcDateTime;
                var info = new TimerInfo
                {
                    IsPastDue = false,
                    ScheduleStatus = new ScheduleStatus { Last = last.GetValueOrDefault(function.Name, now), Next = now + interval, LastUpdated = now },
                };
                try
                {
                    await dispatcher.InvokeAsync(function, info, new Dictionary<string, object?>(), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogRunFailed(logger, function.Name, ex.GetType().Name, ex.Message);
                }
                last[function.Name] = now;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    // NCRONTAB's second field is the minute: '*' or '*/n' means the function runs every minute or few.
    private static bool EveryMinute(FunctionEntry function)
    {
        var schedule = function.TriggerParameter.GetCustomAttribute<TimerTriggerAttribute>()?.Schedule ?? "";
        var fields = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length >= 2 && fields[1].StartsWith('*');
    }

    [LoggerMessage(EventId = 1311, Level = LogLevel.Warning, Message = "Timer function {Function} failed ({ExceptionType}: {Message}); it runs again next tick")]
    private static partial void LogRunFailed(ILogger logger, string function, string exceptionType, string message);
}
