using System.Text.Json.Nodes;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.StandIns.Salesforce;

/// <summary>The sObjects containment acts on (User, UserLogin, AuthSession, PermissionSet(Assignment), TransactionSecurityPolicy, EventLogFile).</summary>
public sealed partial class SalesforceStandInState
{
    /// <summary>sObjects whose rows live in <see cref="Objects"/> and are served by the containment endpoints.</summary>
    public static readonly IReadOnlySet<string> ContainmentObjects = new HashSet<string>(StringComparer.Ordinal)
    {
        "User", "UserLogin", "AuthSession", "PermissionSet", "PermissionSetAssignment", "TransactionSecurityPolicy", "EventLogFile",
    };

    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> logFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> issuedByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> consumerSecrets = new(StringComparer.Ordinal);
    private int nextId = 1000;

    /// <summary>The HMAC key (base64) the rotation hook checks signatures with.</summary>
    public string? RotationHookKey { get; set; }

    /// <summary>Runs <paramref name="action"/> on the sObject tables under the state's lock, so check-and-apply is atomic.</summary>
    public T Objects<T>(Func<Dictionary<string, SortedDictionary<string, JsonObject>>, T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (gate) return action(objects);
    }

    public string NewId(string prefix)
    {
        lock (gate) return $"{prefix}{nextId++:D12}AAA";
    }

    public string? LogFile(string id)
    {
        lock (gate) return logFiles.GetValueOrDefault(id);
    }

    /// <summary>Whether this effecting call's answer is lost after acting, under the lost-response knob.</summary>
    public bool ShouldLoseResponse()
    {
        lock (gate) return Faults.LostResponseRate > 0 && random.NextDouble() < Faults.LostResponseRate;
    }

    /// <summary>Issues a fresh consumer secret for <paramref name="secret"/>; a repeated idempotency key gets the same one, applied once.</summary>
    public string IssueConsumerSecret(string secret, string idempotencyKey)
    {
        lock (gate)
        {
            if (issuedByKey.TryGetValue(idempotencyKey, out var issued))
            {
                return issued;
            }
            var fresh = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
            issuedByKey[idempotencyKey] = fresh;
            consumerSecrets[secret] = fresh;
            effects.Add(new AppliedEffect("rotate-secret", secret, Time.GetUtcNow()));
            return fresh;
        }
    }

    /// <summary>Whether <paramref name="value"/> is the consumer secret the issuer holds now (a rotated one is not).</summary>
    public bool IsCurrentConsumerSecret(string secret, string value)
    {
        lock (gate) return consumerSecrets.TryGetValue(secret, out var current) && current == value;
    }

    /// <summary>
    /// Seeds what containment acts on: per AI system an integration user with a login, two sessions, its AI permission set
    /// assignments (plus one unrelated assignment that must survive), an hourly API event log; per org the break-glass policy, off.
    /// </summary>
    public void SeedContainment(Playbook playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        lock (gate)
        {
            foreach (var name in ContainmentObjects)
            {
                objects[name] = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            }
            var n = 0;
            var unrelated = AddRow("PermissionSet", "0PS", new JsonObject { ["Name"] = "Commerce_Read_Only" });
            foreach (var org in playbook.Salesforce.Orgs.Where(o => o.BreakGlassPolicy is not null))
            {
                AddRow("TransactionSecurityPolicy", "0NI", new JsonObject { ["DeveloperName"] = org.BreakGlassPolicy, ["State"] = "Disabled", ["EventName"] = "ApiEvent" });
            }
            var sets = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var system in playbook.AiSystems)
            {
                if (system.Integration?.IntegrationUser is not { } username) continue;
                n++;
                var userId = AddRow("User", "005", new JsonObject { ["Username"] = username, ["IsActive"] = true });
                AddRow("UserLogin", "060", new JsonObject { ["UserId"] = userId, ["IsFrozen"] = false, ["IsPasswordLocked"] = false });
                for (var i = 0; i < 2; i++)
                {
                    AddRow("AuthSession", "0Ak", new JsonObject { ["UsersId"] = userId, ["SessionType"] = "Oauth2", ["LoginType"] = "Remote Access 2.0" });
                }
                foreach (var setName in system.Integration.AiPermissionSets)
                {
                    if (!sets.TryGetValue(setName, out var setId))
                    {
                        sets[setName] = setId = AddRow("PermissionSet", "0PS", new JsonObject { ["Name"] = setName });
                    }
                    AddRow("PermissionSetAssignment", "0Pa", new JsonObject { ["AssigneeId"] = userId, ["PermissionSetId"] = setId });
                }
                AddRow("PermissionSetAssignment", "0Pa", new JsonObject { ["AssigneeId"] = userId, ["PermissionSetId"] = unrelated });
                var logDate = Time.GetUtcNow().AddHours(-1);
                var hour = new DateTimeOffset(logDate.Year, logDate.Month, logDate.Day, logDate.Hour, 0, 0, TimeSpan.Zero);
                var csv = "\"EVENT_TYPE\",\"TIMESTAMP\",\"USER_ID\",\"URI\",\"ROWS_PROCESSED\",\"CLIENT_IP\"\n" +
                          $"\"API\",\"{hour:yyyyMMddHHmmss}.000\",\"{userId[..15]}\",\"/services/data/v62.0/query\",\"5000\",\"203.0.113.{n}\"\n" +
                          $"\"API\",\"{hour:yyyyMMddHHmmss}.500\",\"{userId[..15]}\",\"/services/data/v62.0/query\",\"4800\",\"203.0.113.{n}\"\n" +
                          $"\"API\",\"{hour:yyyyMMddHHmmss}.900\",\"005000000000999\",\"/services/data/v62.0/sobjects/Account\",\"1\",\"198.51.100.7\"\n";
                var fileId = AddRow("EventLogFile", "0AT", new JsonObject
                {
                    ["EventType"] = "API", ["LogDate"] = hour.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", System.Globalization.CultureInfo.InvariantCulture),
                    ["Interval"] = "Hourly", ["LogFileLength"] = csv.Length,
                });
                logFiles[fileId] = csv;
            }
        }
    }

    private string AddRow(string sobject, string prefix, JsonObject row)
    {
        var id = $"{prefix}{nextId++:D12}AAA";
        row["Id"] = id;
        objects[sobject][id] = row;
        return id;
    }

    /// <summary>The containment sObjects as rows, for before/after comparisons in tests.</summary>
    public JsonObject ContainmentSnapshot() => Objects(o => new JsonObject(o.Select(table =>
        new KeyValuePair<string, JsonNode?>(table.Key, new JsonArray([.. table.Value.Values.Select(r => (JsonNode)r.DeepClone())])))));
}
