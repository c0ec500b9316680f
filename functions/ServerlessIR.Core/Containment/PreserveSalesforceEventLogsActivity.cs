using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Salesforce;

namespace ServerlessIR.Core.Containment;

/// <summary>
/// <c>salesforce.preserve-event-logs</c>: before anything destructive, copies the Event Monitoring log rows
/// (<c>EventLogFile</c>) of the leak window that concern the integration user into the evidence container, as JSON Lines
/// under <c>preserved/{incidentId}/{step}-salesforce.preserve-event-logs.jsonl</c>.
/// </summary>
/// <remarks>
/// Runs at least once. The blob name comes from the idempotency key and is written only if absent, so a retry adds nothing
/// (it answers <c>AlreadyDone</c>). Irreversible by design: preserved evidence is never deleted.
/// </remarks>
[DurableTask(nameof(PreserveSalesforceEventLogsActivity))]
public sealed class PreserveSalesforceEventLogsActivity(
    ISalesforceClientFactory salesforce, IPlaybookProvider playbooks, IContainmentRecords records, TimeProvider time)
    : TaskActivity<ContainmentRequest, ContainmentOutcome>
{
    public override Task<ContainmentOutcome> RunAsync(TaskActivityContext context, ContainmentRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return SalesforceTargets.GuardAsync(() => PreserveAsync(input));
    }

    /// <summary>The blob the preserved rows go to, from the idempotency key.</summary>
    public static string BlobName(ContainmentRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return $"preserved/{input.IncidentId}/{input.Step}-{input.Action}.jsonl";
    }

    private async Task<ContainmentOutcome> PreserveAsync(ContainmentRequest input)
    {
        var system = SalesforceTargets.System(playbooks, input);
        var client = SalesforceTargets.Client(salesforce, playbooks.Current, input, system);
        var userId = await SalesforceTargets.IntegrationUserIdAsync(client, system);
        var end = input.WindowEnd ?? time.GetUtcNow();
        var start = (input.WindowStart ?? end).AddHours(-playbooks.Current.Containment.PreserveLookbackHours);
        var files = await client.QueryAsync(
            "SELECT Id, EventType, LogDate, Interval, LogFileLength FROM EventLogFile " +
            $"WHERE LogDate >= {SoqlDate(start)} AND LogDate <= {SoqlDate(end)}");

        var lines = new StringBuilder();
        var rows = 0;
        // Salesforce logs 15-character user IDs in most event types; the API returns 18.
        var user15 = userId.Length >= 15 ? userId[..15] : userId;
        foreach (var file in files)
        {
            var id = file.GetProperty("Id").GetString()!;
            var csv = await client.GetBlobFieldAsync("EventLogFile", id, "LogFile");
            foreach (var row in Csv.Parse(csv))
            {
                var rowUser = row.GetValueOrDefault("USER_ID_DERIVED") ?? row.GetValueOrDefault("USER_ID");
                if (rowUser is not null && !rowUser.StartsWith(user15, StringComparison.Ordinal))
                {
                    continue;
                }
                var fields = new JsonObject();
                foreach (var (key, value) in row)
                {
                    fields[key] = value;
                }
                lines.AppendLine(new JsonObject
                {
                    ["eventLogFileId"] = id,
                    ["eventType"] = SalesforceTargets.Text(file, "EventType"),
                    ["logDate"] = SalesforceTargets.Text(file, "LogDate"),
                    ["row"] = fields,
                }.ToJsonString());
                rows++;
            }
        }
        ReadOnlyMemory<byte> content = Encoding.UTF8.GetBytes(lines.ToString());
        var name = BlobName(input);
        var created = await records.PreserveOnceAsync(name, content);
        var before = new JsonObject
        {
            ["user"] = SalesforceTargets.IntegrationUsername(system),
            ["windowStart"] = start.ToString("o", CultureInfo.InvariantCulture),
            ["windowEnd"] = end.ToString("o", CultureInfo.InvariantCulture),
            ["eventLogFiles"] = files.Count,
        };
        if (!created)
        {
            return new ContainmentOutcome(input.Action, ContainmentStatus.AlreadyDone, $"event logs already preserved in {name}", before, new JsonObject { ["blob"] = name });
        }
        return new ContainmentOutcome(input.Action, ContainmentStatus.Succeeded, $"{rows} event log row(s) from {files.Count} file(s) preserved in {name}", before,
            new JsonObject
            {
                ["blob"] = name,
                ["rows"] = rows,
                ["sha256"] = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content.Span)),
            });
    }

    private static string SoqlDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
