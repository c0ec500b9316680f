using ServerlessIR.Infra.Tests.Checks;
using YamlDotNet.RepresentationModel;

namespace ServerlessIR.Infra.Tests;

/// <summary>azure.yaml follows azd's schema rules and wires the postprovision and postdeploy hooks.</summary>
public sealed class AzureYamlTests
{
    private const string ValidYaml = """
        name: serverlessir
        services:
          api:
            project: functions/ServerlessIR.Functions
            host: function
            language: dotnet
        hooks:
          postprovision:
            posix:
              shell: sh
              run: infra/hooks/postprovision.sh
          postdeploy:
            posix:
              shell: sh
              run: infra/hooks/postdeploy.sh
        """;

    private readonly AzureYamlChecker _checker = new(RepositoryPaths.Root);

    [Fact]
    public void Check_RepositoryAzureYaml_PassesAzdRules()
    {
        var problems = _checker.Check(File.ReadAllText(RepositoryPaths.InRoot("azure.yaml")));

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void RepositoryAzureYaml_DeclaresTheFunctionsServiceAndBothHookScripts()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(RepositoryPaths.InRoot("azure.yaml")))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var api = (YamlMappingNode)((YamlMappingNode)root["services"])["api"];
        Assert.Equal("serverlessir", root["name"].ToString());
        Assert.Equal("functions/ServerlessIR.Functions", api["project"].ToString());
        Assert.Equal("function", api["host"].ToString());
        Assert.Equal("dotnet", api["language"].ToString());
        var posix = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)root["hooks"])["postdeploy"])["posix"];
        Assert.Equal("infra/hooks/postdeploy.sh", posix["run"].ToString());
        var provision = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)root["hooks"])["postprovision"])["posix"];
        Assert.Equal("infra/hooks/postprovision.sh", provision["run"].ToString());
    }

    [Fact]
    public void Check_ValidSample_HasNoProblems()
    {
        Assert.Empty(_checker.Check(ValidYaml));
    }

    [Theory]
    [InlineData("name: serverlessir", "name: ServerlessIR", "name")]
    [InlineData("name: serverlessir", "name: serverlessir-", "name")]
    [InlineData("name: serverlessir\n", "", "name is required")]
    [InlineData("    host: function\n", "", "host")]
    [InlineData("    language: dotnet\n", "", "language")]
    [InlineData("functions/ServerlessIR.Functions", "functions/NoSuchProject", "project folder")]
    [InlineData("functions/ServerlessIR.Functions", "infra", ".csproj")]
    [InlineData("infra/hooks/postdeploy.sh", "infra/hooks/missing.sh", "script")]
    [InlineData("  postdeploy:", "  predeploy:", "postdeploy")]
    [InlineData("  postprovision:", "  preprovision:", "postprovision")]
    [InlineData("infra/hooks/postprovision.sh", "infra/hooks/missing.sh", "hooks.postprovision run")]
    public void Check_BrokenSample_ReportsTheProblem(string find, string replace, string expected)
    {
        var yaml = ValidYaml.Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains(find, yaml, StringComparison.Ordinal);

        var problems = _checker.Check(yaml.Replace(find, replace, StringComparison.Ordinal));

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_NoServices_IsReported()
    {
        var problems = _checker.Check("name: serverlessir\nservices: {}\n");

        Assert.Contains(problems, p => p.Contains("at least one", StringComparison.Ordinal));
    }
}
