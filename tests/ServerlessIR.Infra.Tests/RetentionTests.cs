using System.Text.Json.Nodes;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Infra.Tests.Bicep;
using ServerlessIR.Infra.Tests.Checks;
using ServerlessIR.Infra.Tests.Settings;

namespace ServerlessIR.Infra.Tests;

/// <summary>
/// Issue 17 item 5: storage deletes raw alerts and dead letters after their periods by itself (lifecycle management), never
/// evidence or notices, and the retention job gets its periods as app settings from the same parameters.
/// </summary>
[Trait("Category", "Bicep")]
[Collection(BicepCollection.Name)]
public sealed class RetentionTests(CompiledInfrastructure infra)
{
    [Fact]
    public void LifecyclePolicy_DeletesRawAlertsAndDeadLettersAfterTheirPeriods()
    {
        var rules = Rules();

        Assert.Equal(["delete-raw-alerts", "delete-dead-letters"], rules.Select(r => r["name"]!.GetValue<string>()));
        Assert.Equal(["raw-alerts/"], Prefixes(rules[0]));
        Assert.Equal(["deadletter/"], Prefixes(rules[1]));
        Assert.Equal("[parameters('rawAlertRetentionDays')]", DeleteAfter(rules[0]));
        Assert.Equal("[parameters('deadLetterRetentionDays')]", DeleteAfter(rules[1]));
        Assert.All(rules, r => Assert.True(r["enabled"]!.GetValue<bool>()));
    }

    [Fact]
    public void LifecyclePolicy_NeverMatchesEvidenceOrNoticeContainers()
    {
        var prefixes = Rules().SelectMany(Prefixes).ToList();

        Assert.DoesNotContain(prefixes, p => p.StartsWith("evidence", StringComparison.Ordinal) || p.StartsWith("notice", StringComparison.Ordinal) || !p.Contains('/', StringComparison.Ordinal));
    }

    [Fact]
    public void LifecyclePolicy_RawAlertPrefix_IsTheContainerTheAppWritesRawAlertsTo()
    {
        // In Azure the app runs without a storage prefix (ServerlessIR__Storage__Prefix is local only).
        var names = new TableNames(new StorageOptions());

        Assert.Equal(names.RawPayloadContainer + "/", Prefixes(Rules()[0]).Single());
    }

    [Theory]
    [InlineData("rawAlertRetentionDays", 90)]
    [InlineData("deadLetterRetentionDays", 30)]
    [InlineData("completedIncidentRetentionDays", 90)]
    [InlineData("rejectedEventRetentionDays", 30)]
    [InlineData("deliveryClaimRetentionDays", 7)]
    public void MainTemplate_RetentionParameter_HasItsDefault(string parameter, int days)
    {
        Assert.Equal(days, infra.Main["parameters"]![parameter]!["defaultValue"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("ServerlessIR__Retention__CompletedIncidentDays", "completedIncidents", "completedIncidentRetentionDays")]
    [InlineData("ServerlessIR__Retention__RawAlertDays", "rawAlerts", "rawAlertRetentionDays")]
    [InlineData("ServerlessIR__Retention__RejectedEventDays", "rejectedEvents", "rejectedEventRetentionDays")]
    [InlineData("ServerlessIR__Retention__DeliveryClaimDays", "deliveryClaims", "deliveryClaimRetentionDays")]
    [InlineData("ServerlessIR__Retention__DeadLetterDays", "deadLetters", "deadLetterRetentionDays")]
    public void AppSetting_RetentionPeriod_ComesFromItsMainParameter(string setting, string field, string parameter)
    {
        var module = infra.Module("function-app");

        Assert.Equal($"[string(parameters('retentionDays').{field})]", BicepAppSettings.Declared(infra.Main)[setting]!.GetValue<string>());
        Assert.Equal($"[parameters('{parameter}')]", module.Properties!["parameters"]!["retentionDays"]!["value"]![field]!.GetValue<string>());
    }

    [Theory]
    [InlineData("rawAlertRetentionDays")]
    [InlineData("deadLetterRetentionDays")]
    public void LifecyclePeriod_AndRetentionJobPeriod_AreTheSameParameter(string parameter)
    {
        Assert.Equal($"[parameters('{parameter}')]", infra.Module("storage").Properties!["parameters"]![parameter]!["value"]!.GetValue<string>());
    }

    private List<JsonObject> Rules()
    {
        var policy = Assert.Single(ArmTemplateWalker.Resources(infra.Main), r => r.IsType("Microsoft.Storage/storageAccounts/managementPolicies"));
        return policy.Properties!["policy"]!["rules"]!.AsArray().Select(r => r!.AsObject()).ToList();
    }

    private List<string> Prefixes(JsonObject rule)
    {
        var evaluate = new ArmExpression(infra.ModuleTemplate("storage"), new Dictionary<string, string>());
        return rule["definition"]!["filters"]!["prefixMatch"]!.AsArray().Select(p => evaluate.Evaluate(p!.GetValue<string>())).ToList();
    }

    private static string DeleteAfter(JsonObject rule) =>
        rule["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterModificationGreaterThan"]!.GetValue<string>();
}
