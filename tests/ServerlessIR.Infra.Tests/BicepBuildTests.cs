using ServerlessIR.Infra.Tests.Bicep;

namespace ServerlessIR.Infra.Tests;

/// <summary>
/// The templates compile and lint clean. The CLI exits 0 on warnings, so these tests read the
/// Warning/Error lines rather than trusting the exit code.
/// </summary>
[Trait("Category", "Bicep")]
[Collection(BicepCollection.Name)]
public sealed class BicepBuildTests(CompiledInfrastructure infra)
{
    [Fact]
    public void Build_MainTemplate_HasNoWarningsOrErrors() => AssertClean(infra.MainBuild);

    [Fact]
    public void Build_EventGridSubscriptionTemplate_HasNoWarningsOrErrors() => AssertClean(infra.SubscriptionBuild);

    [Fact]
    public void Lint_MainTemplate_HasNoWarningsOrErrors() => AssertClean(infra.MainLint);

    [Fact]
    public void Lint_EventGridSubscriptionTemplate_HasNoWarningsOrErrors() => AssertClean(infra.SubscriptionLint);

    [Fact]
    public void Lint_TemplateBreakingARaisedRule_FailsWithAnError()
    {
        using var temp = new TempFolder();
        File.Copy(Path.Combine(RepositoryPaths.Infra, "bicepconfig.json"), temp.PathOf("bicepconfig.json"));
        var file = temp.Write("unused.bicep", "param neverUsed string = 'x'\n");

        var result = infra.Cli.Lint(file);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(result.Problems, d => d is { Level: "Error", Code: "no-unused-params" });
    }

    [Fact]
    public void Build_TemplateWithTypeWarning_ExitsZeroButReportsTheWarning()
    {
        using var temp = new TempFolder();
        var file = temp.Write("typo.bicep", """
            resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
              name: 'kv-typo-check'
              location: 'westeurope'
              properties: {
                tenantId: tenant().tenantId
                sku: { family: 'A', name: 'standard' }
                enableRbacAuthorisation: true
              }
            }
            """);

        var result = infra.Cli.Build(file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.Problems, d => d.Level == "Warning" && d.Code.StartsWith("BCP", StringComparison.Ordinal));
    }

    private static void AssertClean(BicepResult result)
    {
        Assert.True(result.ExitCode == 0, $"bicep exited {result.ExitCode}:\n{result.StandardError}");
        Assert.True(result.Problems.Count == 0, "Bicep reported:\n" + string.Join('\n', result.Problems));
    }
}
