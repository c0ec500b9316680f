using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Local.Bench;

/// <summary>
/// The estate <c>ir bench latency</c> and <c>ir bench pipeline</c> run against: the default playbook plus one AI system
/// per incident (each with its own integration user, seeded in the Salesforce stand-in), so every alert opens its own
/// incident and every Salesforce call names the incident it belongs to. No step waits for a person.
/// </summary>
internal sealed class BenchEstate
{
    /// <summary>Where the alerts come from: the relay's source, trusted by the playbook.</summary>
    public const string Source = "/salesforce/orgs/northwind-prod/SessionHijackingEventStore";

    private BenchEstate(string run, string playbookPath)
    {
        Run = run;
        PlaybookPath = playbookPath;
    }

    public string Run { get; }
    public string PlaybookPath { get; }

    public static BenchEstate Write(string kind, int incidents)
    {
        var run = kind + DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
        var assembly = typeof(PlaybookLoader).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("default.playbook.yaml", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        var systems = new StringBuilder("aiSystems:\n");
        for (var i = 0; i < incidents; i++)
        {
            systems.Append(CultureInfo.InvariantCulture, $$"""
                  - id: {{run}}-{{i:D4}}
                    name: Bench system {{i}}
                    salesforceFeature: Einstein Prediction Builder
                    org: northwind-prod
                    modelVersion: bench-1
                    criticality: checkout-critical
                    euAiAct: { classification: not-high-risk, reason: a benchmark model with no high-risk use }
                    dataCategories: [contact, financial]
                    subjectsIn: [DE]
                    owners: [{ name: Bench owner, email: bench-owner@northwind.example }]
                    integration:
                      connectedApp: Fraud Scoring Connector
                      integrationUser: {{IntegrationUser(run, i)}}
                      aiPermissionSets: [EinsteinPredictionBuilderUser]
                      rotateSecrets:
                        - secret: {{run}}-{{i:D4}}-consumer-secret
                          issuerUrl: https://northwind.my.salesforce.com/services/apexrest/serverlessir/rotate-secret
                          signingSecret: salesforce-rotation-hook-key
                    fallback:
                      mode: rules-based-scoring
                      primaryMode: model
                      switchUrl: https://ai-ops.northwind.example/ai-features/{{run}}-{{i:D4}}/mode
                      probeUrl: https://ai-ops.northwind.example/ai-features/{{run}}-{{i:D4}}/fallback-health
                      signingSecret: ai-feature-switch-key

                """);
        }
        // Benchmarks measure the machine, not people: a step behind approval would wait for an approver nobody plays.
        var yaml = reader.ReadToEnd()
            .Replace("aiSystems:\n", systems.ToString(), StringComparison.Ordinal)
            .Replace("approval: required", "approval: none", StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"ir-bench-{run}.playbook.yaml");
        File.WriteAllText(path, yaml);
        return new BenchEstate(run, path);
    }

    /// <summary>The integration user of incident <paramref name="i"/>'s AI system: every containment call names it.</summary>
    public string IntegrationUser(int i) => IntegrationUser(Run, i);

    private static string IntegrationUser(string run, int i) => string.Create(CultureInfo.InvariantCulture, $"{run}-{i:D4}@northwind.example");

    /// <summary>One CloudEvent (a Salesforce session-hijacking anomaly, an attack by nature) about incident <paramref name="i"/>'s system.</summary>
    public string Alert(int i)
    {
        var now = DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture);
        var id = string.Create(CultureInfo.InvariantCulture, $"bench-{Run}-{i:D4}");
        return new JsonObject
        {
            ["specversion"] = "1.0",
            ["type"] = "Salesforce.EventMonitoring.SessionHijackingEvent",
            ["source"] = Source,
            ["id"] = id,
            ["time"] = now,
            ["datacontenttype"] = "application/json",
            ["data"] = new JsonObject
            {
                ["EventDate"] = now,
                ["EventIdentifier"] = id,
                ["UserId"] = string.Create(CultureInfo.InvariantCulture, $"005B{i:D4}{Run}"),
                ["Username"] = IntegrationUser(i),
                ["SourceIp"] = "198.51.100.7",
                ["Operation"] = "Query",
                ["QueriedEntities"] = "Account, Contact",
                ["RowsProcessed"] = 5_000,
                ["Score"] = 0.9,
                ["Summary"] = "Session continues from a second foreign IP",
            },
        }.ToJsonString();
    }
}
