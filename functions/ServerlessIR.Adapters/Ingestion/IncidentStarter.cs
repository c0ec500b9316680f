using Azure;
using Azure.Data.Tables;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>Starts an incident's orchestration at most once, however many deliveries try at the same moment.</summary>
/// <remarks>
/// Two deliveries can both find no instance and both schedule one: a redelivery that took over a claim gone stale while
/// its first delivery was still working, or one whose first delivery ran out of time after scheduling. The engines do not
/// refuse the second schedule reliably: the local Azure Storage engine, asked not to reuse any status, still accepted
/// four schedules of one instance made at once (its existence check and its write are separate steps), and queues a second
/// <c>ExecutionStarted</c> for it (seen in a storm). So a delivery first takes the incident's start row in the
/// <c>Deliveries</c> table (partition <c>start</c>) with a conditional insert; only the holder schedules. A holder that
/// fails to schedule gives the row back; one that dies leaves it to go stale after
/// <see cref="IngestionOptions.ClaimTimeout"/>, when a redelivery takes it over. The schedule still names every status as
/// not to reuse, and the engine's <see cref="OrchestrationAlreadyExistsException"/> means the incident exists.
/// </remarks>
public sealed class IncidentStarter
{
    private const string Partition = "start";
    private const string ClaimedAt = "ClaimedAt";

    /// <summary>Every status (but the obsolete ones no engine reports): an incident's instance ID is never reused.</summary>
    private static readonly OrchestrationRuntimeStatus[] NeverReused =
    [
        OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended,
        OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated,
    ];

    private readonly TableClient table;
    private readonly TimeSpan staleAfter;
    private readonly TimeProvider time;

    public IncidentStarter(TableServiceClient tables, TableNames names, IOptions<IngestionOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        table = tables.GetTableClient(names.Deliveries);
        staleAfter = options.Value.ClaimTimeout;
        this.time = time;
    }

    /// <summary>Schedules the incident unless its instance exists or another delivery is scheduling it.</summary>
    public async Task<IncidentStartOutcome> StartOnceAsync(DurableTaskClient durable, IncidentInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(durable);
        ArgumentNullException.ThrowIfNull(input);
        if (await ExistsAsync(durable, input.IncidentId, cancellationToken))
        {
            return IncidentStartOutcome.Existed;
        }
        if (!await TryTakeStartAsync(input.IncidentId, cancellationToken))
        {
            // The holder may have scheduled between the look above and the insert.
            return await ExistsAsync(durable, input.IncidentId, cancellationToken) ? IncidentStartOutcome.Existed : IncidentStartOutcome.Contended;
        }
        var settled = false;
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(nameof(IncidentOrchestrator), input,
                new StartOrchestrationOptions(input.IncidentId).WithDedupeStatuses(NeverReused), cancellationToken);
            settled = true;
            return IncidentStartOutcome.Started;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            settled = true;
            return IncidentStartOutcome.Existed;
        }
        finally
        {
            if (!settled)
            {
                // Not cancellable: a row left behind would make every redelivery wait until it went stale.
                await table.DeleteEntityAsync(Partition, input.IncidentId, ETag.All, CancellationToken.None);
            }
        }
    }

    private static async Task<bool> ExistsAsync(DurableTaskClient durable, string incidentId, CancellationToken cancellationToken) =>
        await durable.GetInstanceAsync(incidentId, getInputsAndOutputs: false, cancellationToken) is not null;

    private async Task<bool> TryTakeStartAsync(string incidentId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            await table.AddEntityAsync(new TableEntity(Partition, incidentId) { [ClaimedAt] = now }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
        }
        var held = await table.GetEntityIfExistsAsync<TableEntity>(Partition, incidentId, cancellationToken: cancellationToken);
        if (!held.HasValue)
        {
            // Given back just now (its holder failed to schedule): the next attempt takes it.
            return false;
        }
        var row = held.Value!;
        if (now - (row.GetDateTimeOffset(ClaimedAt) ?? now) < staleAfter)
        {
            return false;
        }
        try
        {
            // The holder died before scheduling: take the start over, once.
            row[ClaimedAt] = now;
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }
}
