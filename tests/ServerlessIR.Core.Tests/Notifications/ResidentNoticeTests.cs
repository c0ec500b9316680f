using System.Text.RegularExpressions;
using ServerlessIR.Core.Assessment;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Core.Tests.Notifications;

/// <summary>
/// Customer notices in the residents' language (issue 14 item 3). Each required element is looked up in its own section of
/// the rendered notice and must carry the element's words in that language and the incident's facts: GDPR Art. 34(2) via
/// Art. 33(3)(b)-(d) (nature, DPO contact, likely consequences, measures), LGPD Art. 48 §1 with ANPD Resolution 15/2024
/// Art. 9 (data, security measures, risks, measures, encarregado), APPI Enforcement Rules Art. 10 (overview, items, cause,
/// secondary damage, other matters).
/// </summary>
public sealed class ResidentNoticeTests
{
    private static readonly Lazy<NoticeRenderer> SharedRenderer = new(() => NoticeRenderer.FromDefaultLocation());
    private static NoticeRenderer Renderer => SharedRenderer.Value;

    private const string Gdpr = "gdpr-art34-data-subjects";
    private const string Lgpd = "br-lgpd-data-subjects";
    private const string Appi = "jp-appi-data-subjects";

    /// <summary>Template, language, element (its section's class), then text that section must hold.</summary>
    public static TheoryData<string, string, string, string> Elements => new()
    {
        // GDPR Art. 34(2): Art. 33(3)(b) contact, (c) consequences, (d) measures, and the nature in plain language.
        { Gdpr, "de", "nature", "Was ist geschehen?" }, { Gdpr, "de", "nature", "Kontaktdaten, Finanzdaten" },
        { Gdpr, "de", "contact", "Datenschutzbeauftragter" }, { Gdpr, "de", "contact", "dpo@northwind.example" },
        { Gdpr, "de", "consequences", "Versuche von Zahlungs- oder Kontobetrug" }, { Gdpr, "de", "measures", "Erneuerung der Zugangsdaten" },
        { Gdpr, "de", "measures", "Revoked the assistant" },
        { Gdpr, "fr", "nature", "Que s’est-il passé ?" }, { Gdpr, "fr", "nature", "coordonnées, données financières" },
        { Gdpr, "fr", "contact", "délégué à la protection des données" }, { Gdpr, "fr", "contact", "dpo@northwind.example" },
        { Gdpr, "fr", "consequences", "tentatives de fraude financière" }, { Gdpr, "fr", "measures", "renouvellement des identifiants" },
        { Gdpr, "es", "nature", "¿Qué ha ocurrido?" }, { Gdpr, "es", "nature", "datos de contacto, datos financieros" },
        { Gdpr, "es", "contact", "delegado de protección de datos" }, { Gdpr, "es", "contact", "dpo@northwind.example" },
        { Gdpr, "es", "consequences", "intentos de fraude financiero" }, { Gdpr, "es", "measures", "renovación de las credenciales" },
        { Gdpr, "it", "nature", "Che cosa è successo?" }, { Gdpr, "it", "nature", "dati di contatto, dati finanziari" },
        { Gdpr, "it", "contact", "responsabile della protezione dei dati" }, { Gdpr, "it", "contact", "dpo@northwind.example" },
        { Gdpr, "it", "consequences", "tentativi di frode finanziaria" }, { Gdpr, "it", "measures", "rinnovo delle credenziali" },
        { Gdpr, "nl", "nature", "Wat is er gebeurd?" }, { Gdpr, "nl", "nature", "contactgegevens, financiële gegevens" },
        { Gdpr, "nl", "contact", "functionaris voor gegevensbescherming" }, { Gdpr, "nl", "contact", "dpo@northwind.example" },
        { Gdpr, "nl", "consequences", "pogingen tot financiële fraude" }, { Gdpr, "nl", "measures", "vernieuwing van de inloggegevens" },
        // LGPD Art. 48 §1 I-VI; Resolução CD/ANPD 15/2024 Art. 9.
        { Lgpd, "pt-BR", "nature", "Natureza e categoria dos dados afetados: dados de contato, dados financeiros" },
        { Lgpd, "pt-BR", "security", "Medidas técnicas e de segurança" },
        { Lgpd, "pt-BR", "risks", "tentativas de fraude financeira" },
        { Lgpd, "pt-BR", "measures", "Medidas adotadas e que serão adotadas" }, { Lgpd, "pt-BR", "measures", "Revoked the assistant" },
        { Lgpd, "pt-BR", "contact", "encarregado" }, { Lgpd, "pt-BR", "contact", "dpo@northwind.example" },
        // APPI Art. 26(2); Enforcement Rules Art. 10 (items of Art. 8(1) 1, 2, 4, 5, 9).
        { Appi, "ja", "overview", "概要" }, { Appi, "ja", "overview", "2026年11月27日" },
        { Appi, "ja", "items", "連絡先、金融情報" },
        { Appi, "ja", "cause", "不正アクセス" },
        { Appi, "ja", "secondary-damage", "二次被害" }, { Appi, "ja", "secondary-damage", "金銭的被害" },
        { Appi, "ja", "other", "dpo@northwind.example" }, { Appi, "ja", "other", "inc-20261127-0001" },
    };

    [Theory]
    [MemberData(nameof(Elements))]
    public void Render_ResidentsNotice_ElementInTheirLanguage(string template, string language, string element, string expected)
    {
        var html = Renderer.Render(template, SampleNoticeModel.Create(), language);

        Assert.Contains($"lang=\"{language}\"", html, StringComparison.Ordinal);
        Assert.Contains(expected, Section(html, element), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LgpdLate_GivesReasonsForTheDelay()
    {
        var model = SampleNoticeModel.Create() with { Notice = SampleNoticeModel.Create().Notice with { IsLate = true } };

        Assert.Contains("Motivos da demora", Section(Renderer.Render(Lgpd, model, "pt-BR"), "delay"), StringComparison.Ordinal);
    }

    // The GDPR notice addresses EEA residents only: a Californian in the same incident gets no English copy of it.
    [Fact]
    public void RenderForResidents_GermanAndFrenchResidents_OneVersionEachInTheirLanguage()
    {
        var residents = RegimeCatalog.Default.Regime("gdpr-art34").ResidentsAmong(["DE", "FR", "AT", "US-CA"]);

        var html = Renderer.RenderForResidents(Gdpr, SampleNoticeModel.Create(), residents);

        Assert.Equal(["DE", "FR", "AT"], residents);
        Assert.Equal(1, Regex.Count(html, "lang=\"de\""));
        Assert.Equal(1, Regex.Count(html, "lang=\"fr\""));
        Assert.Equal(2, Regex.Count(html, "<article"));
    }

    [Theory]
    [InlineData(Gdpr, "ES", "es")]
    [InlineData(Gdpr, "IT", "it")]
    [InlineData(Gdpr, "NL", "nl")]
    [InlineData(Gdpr, "BE", "nl")]
    [InlineData(Lgpd, "BR", "pt-BR")]
    [InlineData(Appi, "JP", "ja")]
    public void RenderForResidents_Country_PicksItsLanguage(string template, string country, string language) =>
        Assert.Contains($"lang=\"{language}\"", Renderer.RenderForResidents(template, SampleNoticeModel.Create(), [country]), StringComparison.Ordinal);

    [Fact]
    public void RenderForResidents_CountryWithoutVariant_UsesTheBaseTemplate()
    {
        var html = Renderer.RenderForResidents(Gdpr, SampleNoticeModel.Create(), ["IE"]);

        Assert.Equal(Renderer.Render(Gdpr, SampleNoticeModel.Create()), html);
    }

    [Fact]
    public void LanguagesOf_GdprArt34_HasTheFiveEuLanguages() =>
        Assert.Equal(["de", "es", "fr", "it", "nl"], Renderer.LanguagesOf(Gdpr));

    [Fact]
    public void Render_UnknownLanguage_FailsNamingTheVariant() =>
        Assert.Contains("gdpr-art34-data-subjects.sv",
            Assert.Throws<NoticeRenderException>(() => Renderer.Render(Gdpr, SampleNoticeModel.Create(), "sv")).Message, StringComparison.Ordinal);

    /// <summary>Every template a regime or rule names renders with a full model, in every language it has (strict Liquid).</summary>
    [Fact]
    public void Render_EveryCatalogTemplateAndVariant_Renders()
    {
        var catalog = RegimeCatalog.Default;
        var names = catalog.Regimes.Select(r => r.Template).Concat(catalog.Rules.Select(r => r.Template)).OfType<string>().Distinct().ToList();
        var model = SampleNoticeModel.Create();

        foreach (var name in names)
        {
            Assert.Contains(NoticeRenderer.Disclaimer, Renderer.Render(name, model), StringComparison.Ordinal);
            foreach (var language in Renderer.LanguagesOf(name))
            {
                Assert.Contains(NoticeRenderer.Disclaimer, Renderer.Render(name, model, language), StringComparison.Ordinal);
            }
        }
        Assert.Contains("us-state-attorney-general", names);
    }

    [Fact]
    public void Render_PrivacyNoticesWithoutAiSystem_StillRender()
    {
        var model = SampleNoticeModel.Create() with { AiSystem = null };

        Assert.DoesNotContain("„", Renderer.Render(Gdpr, model, "de"), StringComparison.Ordinal);
        Assert.Contains("The AI system named in our reference", Renderer.Render("ai-act-deployer-to-provider", model), StringComparison.Ordinal);
    }

    private static string Section(string html, string element)
    {
        var match = Regex.Match(html, $"<section class=\"element-{Regex.Escape(element)}\">(.*?)</section>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no '{element}' section");
        return match.Groups[1].Value;
    }
}
