using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using ServerlessIR.Functions;
using ServerlessIR.Infra.Tests.Bicep;
using ServerlessIR.Infra.Tests.Checks;
using ServerlessIR.Infra.Tests.Settings;

namespace ServerlessIR.Infra.Tests;

/// <summary>
/// Event Grid authenticates its deliveries with an Entra token for the app registration, and the fallback function key
/// is the Events function's own key, sent in a secret header rather than in the URL (issue 18 item 6).
/// </summary>
[Trait("Category", "Bicep")]
[Collection(BicepCollection.Name)]
public sealed class EventGridDeliveryTests(CompiledInfrastructure infra)
{
    [Fact]
    public void Webhook_AuthClientIdSet_UsesEntraDeliveryForTheTenantAndTheAppRegistration()
    {
        var destination = Destination();

        Assert.Equal("[if(empty(parameters('authClientId')), null(), tenant().tenantId)]", destination["azureActiveDirectoryTenantId"]!.GetValue<string>());
        Assert.Equal("[if(empty(parameters('authClientId')), null(), parameters('authClientId'))]", destination["azureActiveDirectoryApplicationIdOrUri"]!.GetValue<string>());
    }

    [Fact]
    public void App_ValidatesTheTokenForTheTenantAndAppRegistrationAndTheTopic()
    {
        var settings = BicepAppSettings.Declared(infra.Main);
        var module = infra.Module("function-app");

        Assert.Equal("[tenant().tenantId]", settings["ServerlessIR__EventGrid__TenantId"]!.GetValue<string>());
        Assert.Equal("[parameters('authClientId')]", settings["ServerlessIR__EventGrid__Audience"]!.GetValue<string>());
        Assert.Equal("[parameters('eventGridTopicId')]", settings["ServerlessIR__EventGrid__TopicResourceId"]!.GetValue<string>());
        Assert.Contains("'eventgrid-topic'", module.Properties!["parameters"]!["eventGridTopicId"]!["value"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(infra.Subscription["outputs"]!["EVENT_GRID_SUBSCRIPTION_NAME"]!["value"]!.GetValue<string>(),
            settings["ServerlessIR__EventGrid__SubscriptionName"]!.GetValue<string>());
    }

    [Fact]
    public void Webhook_FunctionKey_IsTheEventsFunctionsKeyInASecretHeaderNeverTheUrl()
    {
        var destination = Destination();
        var mapping = Assert.Single(destination["deliveryAttributeMappings"]!.AsArray())!;

        Assert.Equal("x-functions-key", mapping["name"]!.GetValue<string>());
        Assert.Equal("Static", mapping["type"]!.GetValue<string>());
        Assert.True(mapping["properties"]!["isSecret"]!.GetValue<bool>());
        var key = mapping["properties"]!["value"]!.GetValue<string>();
        Assert.Contains("listKeys(resourceId('Microsoft.Web/sites/functions', parameters('functionAppName'), 'Events')", key, StringComparison.Ordinal);
        Assert.DoesNotContain("/host/", key, StringComparison.Ordinal);

        var url = destination["endpointUrl"]!.GetValue<string>();
        Assert.EndsWith("/api/events', reference(resourceId('Microsoft.Web/sites', parameters('functionAppName')), '2024-04-01').defaultHostName)]", url, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", url, StringComparison.Ordinal);
        Assert.DoesNotContain("listKeys", url, StringComparison.Ordinal);
    }

    [Fact]
    public void Webhook_EventsFunction_IsTheOneTheFunctionsAppDeclares()
    {
        // The template names the function whose key it reads; a renamed function would leave the subscription keyless.
        var names = typeof(HttpFunctions).GetMethods().Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name);

        Assert.Contains("Events", names);
    }

    [Fact]
    public void PostdeployHook_PassesTheAppRegistrationAndUsesTheEventsFunctionKeyForTheSmokeTest()
    {
        var hook = File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "hooks", "postdeploy.sh"));

        Assert.Contains("authClientId=\"${AUTH_CLIENT_ID:-}\"", hook, StringComparison.Ordinal);
        Assert.Contains("az functionapp function keys list", hook, StringComparison.Ordinal);
        Assert.Contains("--function-name Events", hook, StringComparison.Ordinal);
        Assert.DoesNotContain("functionKeys.default", hook, StringComparison.Ordinal);
    }

    private JsonObject Destination()
    {
        var subscription = Assert.Single(ArmTemplateWalker.Resources(infra.Subscription), r => r.IsType("Microsoft.EventGrid/topics/eventSubscriptions"));
        Assert.Equal("WebHook", subscription.Properties!["destination"]!["endpointType"]!.GetValue<string>());
        return subscription.Properties["destination"]!["properties"]!.AsObject();
    }
}
