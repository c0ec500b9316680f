using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Containment;

namespace ServerlessIR.Adapters.Containment;

/// <summary>
/// Automation budgets in a table: one row per (scope and AI system, action) holding the reservations of the last 24 hours,
/// each keyed by incident and step. A reservation is written with the row's ETag (or as a new row), so of two incidents
/// racing for the last slot one write fails with 412/409, reads again and finds the budget spent.
/// </summary>
/// <remarks>
/// The scope keeps separate pipelines on one account apart (each local drill runs on its own task hub); it is empty in Azure.
/// Reservations older than 24 hours are dropped on the next write, so a row never outgrows the budget it counts.
/// </remarks>
public sealed class TableContainmentBudget : IContainmentBudget
{
    /// <summary>The window a per-day budget counts.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    private const int MaxAttempts = 20;
    private readonly TableClient table;
    private readonly string scope;

    public TableContainmentBudget(TableServiceClient tables, TableNames names, string? scope = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        table = tables.GetTableClient(names.ContainmentBudgets);
        this.scope = scope ?? "";
    }

    public async Task<BudgetReservation> ReserveAsync(BudgetRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Action);
        var partition = Key(scope + "|" + (request.AiSystemId ?? "(unknown)"));
        var row = Key(request.Action);
        for (var attempt = 1; ; attempt++)
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
            var entity = found.HasValue ? found.Value! : null;
            var kept = Read(entity).Where(r => r.At > request.At - Window || r.Key == request.ReservationKey).ToList();
            var inIncident = kept.Count(r => r.Incident == request.IncidentId);
            if (kept.Any(r => r.Key == request.ReservationKey))
            {
                return new BudgetReservation(true, inIncident, request.PerIncident, kept.Count, request.PerDay);
            }
            if (inIncident >= request.PerIncident || kept.Count >= request.PerDay)
            {
                return new BudgetReservation(false, inIncident, request.PerIncident, kept.Count, request.PerDay);
            }
            kept.Add(new Reservation(request.ReservationKey, request.IncidentId, request.At));
            var updated = new TableEntity(partition, row) { ["Reservations"] = JsonSerializer.Serialize(kept, JsonSerializerOptions.Web) };
            try
            {
                if (entity is null)
                {
                    await table.AddEntityAsync(updated, cancellationToken);
                }
                else
                {
                    await table.UpdateEntityAsync(updated, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                return new BudgetReservation(true, inIncident + 1, request.PerIncident, kept.Count, request.PerDay);
            }
            catch (RequestFailedException ex) when ((ex.Status is 409 or 412) && attempt < MaxAttempts)
            {
                // Another incident wrote first: read its reservation and decide again.
            }
        }
    }

    private static List<Reservation> Read(TableEntity? entity) =>
        entity?.GetString("Reservations") is { Length: > 0 } json
            ? JsonSerializer.Deserialize<List<Reservation>>(json, JsonSerializerOptions.Web) ?? []
            : [];

    /// <summary>A table key: the characters Table Storage refuses in keys are replaced.</summary>
    private static string Key(string value)
    {
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is '/' or '\\' or '#' or '?' || char.IsControl(chars[i]))
            {
                chars[i] = '_';
            }
        }
        return new string(chars);
    }

    private sealed record Reservation(string Key, string Incident, DateTimeOffset At);
}
