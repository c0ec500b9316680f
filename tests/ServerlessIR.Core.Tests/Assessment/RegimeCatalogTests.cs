using System.Text.Json.Nodes;
using ServerlessIR.Core.Assessment;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Assessment;

/// <summary>
/// The regime catalog is the one place a regime's facts live; these tests hold the places that cannot read it (template
/// files, the playbook schema an editor validates against) to it, and check that a broken entry fails at load.
/// </summary>
public sealed class RegimeCatalogTests
{
    private const string OneRule = """
        { "key": "x", "regime": "x", "recipientKind": "csirt", "recipient": "csirt", "clockStart": "awareness", "amount": 24,
          "unit": "hours", "timeZone": "Etc/UTC", "source": "test", "effectiveFrom": "2020-01-01" }
        """;

    [Fact]
    public void Default_EveryRegimeTemplate_IsATemplateFile()
    {
        var files = NoticeRenderer.FromDefaultLocation().TemplateNames;

        var missing = RegimeCatalog.Default.TemplatesByRegime.Where(t => !files.Contains(t.Value)).Select(t => $"{t.Key} -> {t.Value}").ToList();

        Assert.NotEmpty(RegimeCatalog.Default.TemplatesByRegime);
        Assert.True(missing.Count == 0, "regimes naming a template that does not exist: " + string.Join(", ", missing));
    }

    [Fact]
    public void Default_RegimeWithTemplate_HasTitle()
    {
        var regime = RegimeCatalog.Default.Regime("gdpr-art33");

        Assert.Equal("gdpr-art33-authority", regime.Template);
        Assert.Equal("Personal data breach notification (GDPR Art. 33)", regime.Title);
        Assert.Equal([24.0, 48, 72], regime.Checkpoints);
    }

    [Fact]
    public void Default_PlaybookSchemaRegimeNames_AreTheCatalogsRegimes()
    {
        var schema = JsonNode.Parse(PlaybookLoader.SchemaText)!;
        var names = schema["$defs"]!["regimeOrDefault"]!["enum"]!.AsArray().Select(n => (string)n!).ToList();

        Assert.Equal(RegimeCatalog.Default.Regimes.Select(r => r.Id).Append("default").Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Regime_UnknownId_Throws() =>
        Assert.Throws<KeyNotFoundException>(() => RegimeCatalog.Default.Regime("gdpr-art99"));

    [Fact]
    public void Parse_RuleOfARegimeWithoutEntry_FailsNamingTheRule()
    {
        var json = $$"""{ "regimes": {}, "rules": [{{OneRule}}], "countries": {} }""";

        var ex = Assert.Throws<InvalidOperationException>(() => RegimeCatalog.Parse(json));

        Assert.Contains("rule x", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TemplateWithoutTitle_FailsNamingTheRegime()
    {
        var json = $$"""{ "regimes": { "x": { "template": "x-notice" } }, "rules": [{{OneRule}}], "countries": {} }""";

        var ex = Assert.Throws<InvalidOperationException>(() => RegimeCatalog.Parse(json));

        Assert.Contains("regime x", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RegimeWithoutRule_Fails()
    {
        var json = $$"""{ "regimes": { "x": {}, "y": {} }, "rules": [{{OneRule}}], "countries": {} }""";

        var ex = Assert.Throws<InvalidOperationException>(() => RegimeCatalog.Parse(json));

        Assert.Contains("regime y", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MisspeltRegimeField_Fails() =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() =>
            RegimeCatalog.Parse($$"""{ "regimes": { "x": { "checkpionts": [1] } }, "rules": [{{OneRule}}], "countries": {} }"""));

    // Issue 14 item 3: every regime has a notice, a template or manual: true with the reason no draft is made.
    [Fact]
    public void NoticeProblems_DefaultCatalog_EveryRegimeHasANotice()
    {
        var problems = RegimeCatalog.Default.NoticeProblems(NoticeRenderer.FromDefaultLocation().TemplateNames);

        Assert.True(problems.Count == 0, string.Join("; ", problems));
        Assert.Contains(RegimeCatalog.Default.Regimes, r => r.Manual);
    }

    [Fact]
    public void NoticeProblems_RegimeWithNeitherTemplateNorManual_NamesTheRegime()
    {
        var catalog = RegimeCatalog.Parse($$"""{ "regimes": { "x": {} }, "rules": [{{OneRule}}], "countries": {} }""");

        var problem = Assert.Single(catalog.NoticeProblems());

        Assert.Contains("regime x", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void NoticeProblems_ManualWithoutReason_AsksForTheReason()
    {
        var catalog = RegimeCatalog.Parse($$"""{ "regimes": { "x": { "manual": true } }, "rules": [{{OneRule}}], "countries": {} }""");

        Assert.Contains("manualReason", Assert.Single(catalog.NoticeProblems()), StringComparison.Ordinal);
    }

    [Fact]
    public void NoticeProblems_RuleTemplateNotAFile_NamesTheTemplate()
    {
        var rule = OneRule.Replace("\"key\": \"x\",", "\"key\": \"x\", \"template\": \"x-missing\",", StringComparison.Ordinal);
        var catalog = RegimeCatalog.Parse($$"""{ "regimes": { "x": { "manual": true, "manualReason": "portal only" } }, "rules": [{{rule}}], "countries": {} }""");

        Assert.Contains("x-missing", Assert.Single(catalog.NoticeProblems(["gdpr-art33-authority"])), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ManualWithTemplate_Fails()
    {
        var json = $$"""{ "regimes": { "x": { "manual": true, "manualReason": "r", "template": "t", "title": "T" } }, "rules": [{{OneRule}}], "countries": {} }""";

        Assert.Contains("regime x", Assert.Throws<InvalidOperationException>(() => RegimeCatalog.Parse(json)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TemplateFor_RuleWithOwnTemplate_TakesItOverTheRegimes()
    {
        Assert.Equal("br-lgpd-data-subjects", RegimeCatalog.Default.TemplateFor("br-lgpd", "data subjects in Brazil (titulares)"));
        Assert.Equal("privacy-authority-report", RegimeCatalog.Default.TemplateFor("br-lgpd", "Autoridade Nacional de Proteção de Dados (ANPD)"));
        Assert.Null(RegimeCatalog.Default.TemplateFor("us-sec-8k-1.05", "U.S. Securities and Exchange Commission (Form 8-K, public filing)"));
    }
}
