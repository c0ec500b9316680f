using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Playbooks;

public sealed class PlaybookTrustTests
{
    [Fact]
    public void LoadDefault_Steps_RotationIrreversibleFallbackAndFreezeCustomerFacing()
    {
        var containment = PlaybookLoader.LoadDefault().Containment;

        Assert.Equal(["keyvault.rotate-secret"], containment.Steps.Where(s => s.Irreversible).Select(s => s.Action));
        Assert.Equal(["salesforce.freeze-user", "ai-feature.fallback"], containment.Steps.Where(s => s.CustomerFacing).Select(s => s.Action));
        Assert.Equal((1, 10), (containment.Budget.PerIncident, containment.Budget.PerDay));
        Assert.False(containment.KillSwitch);
    }

    [Fact]
    public void LoadDefault_AlertSources_RelayAndAzureMonitorTrustedWebhookNot()
    {
        var sources = PlaybookLoader.LoadDefault().Ingestion.AlertSources;

        Assert.Equal([("salesforce-relay", SourceTrust.Trusted), ("azure-monitor", SourceTrust.Trusted), ("webhook", SourceTrust.Untrusted)],
            sources.Select(s => (s.Name, s.Trust)));
    }

    [Fact]
    public void Parse_StepFieldsAndBudget_AreRead()
    {
        var yaml = PlaybookLoader.DefaultYaml.Replace("      approval: required\n", "      approval: required\n      defaultAfterLastTier: hold\n      budget: { perIncident: 2, perDay: 3 }\n", StringComparison.Ordinal);

        var freeze = PlaybookLoader.Parse(yaml, "test.yaml").Containment.FindStep("salesforce.freeze-user")!;

        Assert.Equal(LastTierDefault.Hold, freeze.DefaultAfterLastTier);
        Assert.Equal((2, 3), (freeze.Budget!.PerIncident, freeze.Budget.PerDay));
    }

    [Theory]
    [InlineData("      trust: untrusted\n", "      trust: maybe\n", "trust")]
    [InlineData("  killSwitch: false\n", "  killSwitch: sometimes\n", "killSwitch")]
    [InlineData("    perDay: 10\n", "    perDay: -1\n", "perDay")]
    public void Parse_BadTrustFields_NamesTheField(string from, string to, string field)
    {
        var yaml = PlaybookLoader.DefaultYaml.Replace(from, to, StringComparison.Ordinal);

        var ex = Assert.Throws<PlaybookLoadException>(() => PlaybookLoader.Parse(yaml, "bad.yaml"));

        Assert.Contains(ex.Problems, p => p.Field.Contains(field, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_TwoAlertSourcesWithOneName_Refused()
    {
        var yaml = PlaybookLoader.DefaultYaml.Replace("    - name: webhook\n", "    - name: azure-monitor\n", StringComparison.Ordinal);

        var ex = Assert.Throws<PlaybookLoadException>(() => PlaybookLoader.Parse(yaml, "dup.yaml"));

        Assert.Contains(ex.Problems, p => p.Message.Contains("alert source name 'azure-monitor'", StringComparison.Ordinal));
    }
}
