using Microsoft.Extensions.Logging;

namespace ServerlessIR.Core.Incidents;

/// <summary>The incident orchestrator's log events, written through its replay-safe logger.</summary>
internal static partial class IncidentOrchestratorLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Incident {IncidentId} assessed {Level} with {Count} obligations")]
    public static partial void IncidentAssessed(this ILogger logger, string incidentId, string level, int count);
}
