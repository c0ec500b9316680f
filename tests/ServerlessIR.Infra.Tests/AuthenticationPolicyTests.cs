using System.Text.Json.Nodes;
using ServerlessIR.Infra.Tests.Bicep;
using ServerlessIR.Infra.Tests.Checks;

namespace ServerlessIR.Infra.Tests;

/// <summary>
/// App Service Authentication lets in only the groups, people and client applications the deployment names (issue 18
/// item 6), and a deployment that names nobody lets nobody in rather than the whole tenant.
/// </summary>
[Trait("Category", "Bicep")]
[Collection(BicepCollection.Name)]
public sealed class AuthenticationPolicyTests(CompiledInfrastructure infra)
{
    private const string Nobody = "00000000-0000-0000-0000-000000000000";

    [Fact]
    public void AuthSettings_DefaultAuthorizationPolicy_TakesGroupsPrincipalsAndApplicationsFromParameters()
    {
        var policy = Validation()["defaultAuthorizationPolicy"]!;

        Assert.Equal("[parameters('authAllowedGroupIds')]", policy["allowedPrincipals"]!["groups"]!.GetValue<string>());
        Assert.Equal("[variables('allowedIdentities')]", policy["allowedPrincipals"]!["identities"]!.GetValue<string>());
        Assert.Equal("[variables('allowedApplications')]", policy["allowedApplications"]!.GetValue<string>());
    }

    [Fact]
    public void AuthSettings_NoGroupOrPrincipalNamed_AllowsOnlyTheNilObjectIdThatNoTokenCarries()
    {
        var variables = infra.ModuleTemplate("function-app")["variables"]!;

        Assert.Equal(Nobody, variables["nobody"]!.GetValue<string>());
        Assert.Equal(
            "[if(and(empty(parameters('authAllowedGroupIds')), empty(parameters('authAllowedPrincipalIds'))), createArray(variables('nobody')), parameters('authAllowedPrincipalIds'))]",
            variables["allowedIdentities"]!.GetValue<string>());
    }

    [Fact]
    public void AuthSettings_NoClientApplicationNamed_AcceptsOnlyTheAppRegistrationItself()
    {
        var variables = infra.ModuleTemplate("function-app")["variables"]!;

        Assert.Equal(
            "[if(empty(parameters('authAllowedClientApplicationIds')), variables('ownRegistration'), parameters('authAllowedClientApplicationIds'))]",
            variables["allowedApplications"]!.GetValue<string>());
        Assert.Equal("[if(empty(parameters('authClientId')), createArray(), createArray(parameters('authClientId')))]", variables["ownRegistration"]!.GetValue<string>());
    }

    [Fact]
    public void AuthSettings_Audience_IsTheAppRegistrationByIdAndByIdentifierUri()
    {
        var audiences = Validation()["allowedAudiences"]!.GetValue<string>();

        Assert.Contains("format('api://{0}', parameters('authClientId'))", audiences, StringComparison.Ordinal);
        Assert.Contains("createArray(format('api://{0}', parameters('authClientId')), parameters('authClientId'))", audiences, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("authAllowedGroupIds", "AUTH_ALLOWED_GROUP_IDS", "authAllowedGroups")]
    [InlineData("authAllowedPrincipalIds", "AUTH_ALLOWED_PRINCIPAL_IDS", "authAllowedPrincipals")]
    [InlineData("authAllowedClientApplicationIds", "AUTH_ALLOWED_CLIENT_APPLICATION_IDS", "authAllowedClientApplications")]
    public void MainTemplate_AllowListParameter_IsACommaSeparatedAzdValueDefaultingToEmpty(string parameter, string azdName, string list)
    {
        var declared = infra.Main["parameters"]![parameter]!;
        var module = infra.Module("function-app").Properties!["parameters"]![parameter]!["value"]!.GetValue<string>();
        var supplied = CompiledInfrastructure.MainParameters[parameter]!["value"]!.GetValue<string>();

        Assert.Equal("string", declared["type"]!.GetValue<string>());
        Assert.Equal(string.Empty, declared["defaultValue"]!.GetValue<string>());
        Assert.Equal("${" + azdName + "=}", supplied);
        Assert.Equal($"[variables('{list}')]", module);
        Assert.Equal(
            $"[filter(map(split(parameters('{parameter}'), ','), lambda('id', trim(lambdaVariables('id')))), lambda('id', not(empty(lambdaVariables('id')))))]",
            infra.Main["variables"]![list]!.GetValue<string>());
    }

    private JsonObject Validation() =>
        AuthSettings().Properties!["identityProviders"]!["azureActiveDirectory"]!["validation"]!.AsObject();

    private ArmResource AuthSettings() =>
        Assert.Single(ArmTemplateWalker.Resources(infra.Main), r => r.IsType("Microsoft.Web/sites/config") && r.Name.Contains("authsettingsV2", StringComparison.Ordinal));
}
