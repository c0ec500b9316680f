using Azure;
using Azure.Data.Tables;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Approvals;

namespace ServerlessIR.Adapters.Approvals;

/// <summary>
/// Dual-control requests on Table Storage (partition: incident, row: request ID). Creating is an insert whose 409 returns
/// the stored request, so a repeated POST is one request; deciding is an ETag-conditional update of a pending row, so two
/// second persons racing cannot both decide.
/// </summary>
public sealed class TableDualControlStore : IDualControlStore
{
    private readonly TableClient table;

    public TableDualControlStore(TableServiceClient service, TableNames names)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(names);
        table = service.GetTableClient(names.DualControl);
    }

    public async Task<DualControlRequest> CreateAsync(DualControlRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            await table.AddEntityAsync(ToEntity(request), cancellationToken);
            return request;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return (await GetAsync(request.IncidentId, request.RequestId, cancellationToken))!;
        }
    }

    public async Task<DualControlRequest?> GetAsync(string incidentId, string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(incidentId, requestId, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<bool> TryDecideAsync(DualControlRequest decided, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decided);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(decided.IncidentId, decided.RequestId, cancellationToken: cancellationToken);
        if (!row.HasValue || FromEntity(row.Value!).Status != DualControlStatus.Pending)
        {
            return false;
        }
        try
        {
            await table.UpdateEntityAsync(ToEntity(decided), row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    public async Task ReopenAsync(string incidentId, string requestId, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(incidentId, requestId, cancellationToken) is { } request)
        {
            await table.UpsertEntityAsync(ToEntity(request with
            {
                Status = DualControlStatus.Pending, DecidedBy = null, DecidedByObjectId = null, DecidedAt = null, Reason = null,
            }), TableUpdateMode.Replace, cancellationToken);
        }
    }

    private static TableEntity ToEntity(DualControlRequest r) => new(r.IncidentId, r.RequestId)
    {
        ["Kind"] = r.Kind,
        ["Summary"] = r.Summary,
        ["RequestedBy"] = r.RequestedBy,
        ["RequestedByObjectId"] = r.RequestedByObjectId,
        ["EventJson"] = r.EventJson,
        ["CreatedAt"] = r.CreatedAt,
        ["ExpiresAt"] = r.ExpiresAt,
        ["Status"] = r.Status.ToString(),
        ["DecidedBy"] = r.DecidedBy,
        ["DecidedByObjectId"] = r.DecidedByObjectId,
        ["DecidedAt"] = r.DecidedAt,
        ["Reason"] = r.Reason,
    };

    private static DualControlRequest FromEntity(TableEntity e) => new(
        e.RowKey, e.PartitionKey, e.GetString("Kind"), e.GetString("Summary"), e.GetString("RequestedBy"),
        e.GetString("RequestedByObjectId"), e.GetString("EventJson"), e.GetDateTimeOffset("CreatedAt") ?? default,
        e.GetDateTimeOffset("ExpiresAt") ?? default)
    {
        Status = Enum.Parse<DualControlStatus>(e.GetString("Status")),
        DecidedBy = e.GetString("DecidedBy"),
        DecidedByObjectId = e.GetString("DecidedByObjectId"),
        DecidedAt = e.GetDateTimeOffset("DecidedAt"),
        Reason = e.GetString("Reason"),
    };
}
