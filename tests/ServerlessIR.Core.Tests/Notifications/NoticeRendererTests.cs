using System.Text.Json;
using ServerlessIR.Core.Assessment;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Core.Tests.Notifications;

public sealed class NoticeRendererTests
{
    private static readonly Lazy<NoticeRenderer> SharedRenderer = new(() => NoticeRenderer.FromDefaultLocation());
    private static NoticeRenderer Renderer => SharedRenderer.Value;

    private static string Render(string template, NoticeModel? model = null) => Renderer.Render(template, model ?? SampleNoticeModel.Create());

    /// <summary>The template the regime catalog names for <paramref name="regime"/>'s notice.</summary>
    private static string NoticeOf(string regime) => RegimeCatalog.Default.Regime(regime).Template!;

    public static TheoryData<string, string> Art33Elements => new()
    {
        { "nature", "made the checkout assistant return other customers" },
        { "subject categories", "Categories of data subjects concerned: online shop customers" },
        { "approximate subjects", "Approximate number of data subjects concerned: 12000" },
        { "record categories", "Categories of personal data records concerned: contact, financial" },
        { "approximate records", "Approximate number of personal data records concerned: 48500" },
        { "DPO name", "Dr. Jana Weber" },
        { "DPO contact", "dpo@northwind.example" },
        { "likely consequences", "Targeted phishing using order history" },
        { "measures taken", "Revoked the assistant&#x27;s OAuth tokens" },
        { "measures proposed", "Filter review text before it reaches the model" },
        { "phased note (33(4))", "Information is provided in phases (Article 33(4))" },
        { "recipient", "Der Hamburgische Beauftragte für Datenschutz" },
        { "disclaimer", NoticeRenderer.Disclaimer },
    };

    [Theory]
    [MemberData(nameof(Art33Elements))]
    public void Render_Art33_ContainsElement(string element, string expected) =>
        Assert.True(Render(NoticeOf("gdpr-art33")).Contains(expected, StringComparison.Ordinal), element);

    [Fact]
    public void Render_Art33Late_GivesReasonsForDelay()
    {
        var model = SampleNoticeModel.Create();
        model = model with { Notice = model.Notice with { IsLate = true, DelayReason = "Forensic copy of the org took 80 hours." } };
        var html = Render(NoticeOf("gdpr-art33"), model);
        Assert.Contains("Reasons for the delay", html, StringComparison.Ordinal);
        Assert.Contains("Forensic copy of the org took 80 hours.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Art33OnTime_HasNoDelaySection() =>
        Assert.DoesNotContain("Reasons for the delay", Render(NoticeOf("gdpr-art33")), StringComparison.Ordinal);

    public static TheoryData<string, string> Art34Elements => new()
    {
        { "plain description", "A flaw in our shopping assistant let someone see other customers" },
        { "DPO name (33(3)(b))", "Dr. Jana Weber" },
        { "DPO contact (33(3)(b))", "dpo@northwind.example" },
        { "likely consequences (33(3)(c))", "Targeted phishing using order history" },
        { "measures (33(3)(d))", "Filter review text before it reaches the model" },
        { "advice", "Be wary of e-mails that quote your recent orders" },
        { "plain heading", "What this may mean for you" },
    };

    [Theory]
    [MemberData(nameof(Art34Elements))]
    public void Render_Art34_ContainsElement(string element, string expected) =>
        Assert.True(Render(NoticeOf("gdpr-art34")).Contains(expected, StringComparison.Ordinal), element);

    public static TheoryData<string, string> Art73Elements => new()
    {
        { "provider", "Northwind Commerce GmbH (provider)" },
        { "AI system", "Buy-now-pay-later credit scoring" },
        { "classification reason", "Annex III 5(b): evaluates creditworthiness of natural persons." },
        { "incident description", "made the checkout assistant return other customers" },
        { "causal link", "The model&#x27;s output was used to reveal records it should not reach." },
        { "corrective action", "Model endpoint switched to manual review." },
        { "member state", "Member State where the incident occurred</h3><p>DE" },
        { "disclaimer", NoticeRenderer.Disclaimer },
    };

    [Theory]
    [MemberData(nameof(Art73Elements))]
    public void Render_AiActArt73_ContainsElement(string element, string expected) =>
        Assert.True(Render(NoticeOf("eu-ai-act-art73")).Contains(expected, StringComparison.Ordinal), element);

    public static TheoryData<string, string> Nis2EarlyWarningElements => new()
    {
        { "suspected malicious cause", "suspected to be caused by unlawful or malicious acts" },
        { "malicious details", "Reviews were posted by an automated account." },
        { "cross-border impact", "could have a cross-border impact, on DE, FR" },
        { "disclaimer", NoticeRenderer.Disclaimer },
    };

    [Theory]
    [MemberData(nameof(Nis2EarlyWarningElements))]
    public void Render_Nis2EarlyWarning_ContainsElement(string element, string expected) =>
        Assert.True(Render(NoticeOf("nis2-early-warning")).Contains(expected, StringComparison.Ordinal), element);

    public static TheoryData<string, string> Nis2NotificationElements => new()
    {
        { "severity", "Severity: SEV1." },
        { "impact", "Checkout assistant offline for 3 hours." },
        { "indicator of compromise (IP)", "203.0.113.77" },
        { "indicator of compromise (review)", "review-id:R-99812" },
        { "disclaimer", NoticeRenderer.Disclaimer },
    };

    [Theory]
    [MemberData(nameof(Nis2NotificationElements))]
    public void Render_Nis2Notification_ContainsElement(string element, string expected) =>
        Assert.True(Render(NoticeOf("nis2-notification")).Contains(expected, StringComparison.Ordinal), element);

    [Fact]
    public void Render_EveryRegimeNotice_CarriesDisclaimer()
    {
        foreach (var template in RegimeCatalog.Default.TemplatesByRegime.Values.Distinct())
        {
            Assert.Contains(NoticeRenderer.Disclaimer, Render(template), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_EveryTemplate_RendersWithSampleModel()
    {
        foreach (var template in Renderer.TemplateNames)
        {
            Assert.False(string.IsNullOrWhiteSpace(Render(template)), template);
        }
    }

    [Fact]
    public void Render_UnknownVariable_Throws()
    {
        var dir = Directory.CreateTempSubdirectory("templates-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "typo.html.liquid"), "<p>{{ incident.aprox_subjects }}</p>");
            var renderer = new NoticeRenderer(dir.FullName);
            var ex = Assert.Throws<NoticeRenderException>(() => renderer.Render("typo", SampleNoticeModel.Create()));
            Assert.Equal("typo", ex.Template);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Render_UnknownFilter_Throws()
    {
        var dir = Directory.CreateTempSubdirectory("templates-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "filter.html.liquid"), "<p>{{ incident.id | shout }}</p>");
            var renderer = new NoticeRenderer(dir.FullName);
            Assert.Throws<NoticeRenderException>(() => renderer.Render("filter", SampleNoticeModel.Create()));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Render_UnknownTemplate_Throws() =>
        Assert.Throws<NoticeRenderException>(() => Render("no-such-template"));

    [Fact]
    public void Render_HtmlTemplate_EncodesModelValues()
    {
        var model = SampleNoticeModel.Create();
        model = model with { Incident = model.Incident with { Nature = "<img src=x onerror=alert(1)>" } };
        var html = Render(NoticeOf("gdpr-art33"), model);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ApprovalCard_IsAdaptiveCard15WithOpenUrlToApprovalPage()
    {
        var model = SampleNoticeModel.Create();
        using var card = JsonDocument.Parse(Render(NoticeTemplates.ApprovalRequestCard, model));
        var root = card.RootElement;
        Assert.Equal("AdaptiveCard", root.GetProperty("type").GetString());
        Assert.Equal("1.5", root.GetProperty("version").GetString());
        var action = Assert.Single(root.GetProperty("actions").EnumerateArray());
        Assert.Equal("Action.OpenUrl", action.GetProperty("type").GetString());
        Assert.Equal(model.Approval!.Url, action.GetProperty("url").GetString());
        var facts = root.GetProperty("body").EnumerateArray()
            .Single(e => e.GetProperty("type").GetString() == "FactSet")
            .GetProperty("facts").EnumerateArray()
            .ToDictionary(f => f.GetProperty("title").GetString()!, f => f.GetProperty("value").GetString());
        Assert.Equal("inc-20261127-0001", facts["Incident"]);
        Assert.Equal("SEV1", facts["Severity"]);
        Assert.Equal("Buy-now-pay-later credit scoring", facts["AI system"]);
        Assert.Equal("contact, financial", facts["Data categories"]);
        Assert.Equal("Freeze Salesforce user bnpl-integration", facts["Requested action"]);
        Assert.Equal("2 d 13 h left (gdpr-art33)", facts["Deadline"]);
    }

    [Fact]
    public void Render_ApprovalCard_QuotesInValuesStayValidJson()
    {
        var model = SampleNoticeModel.Create();
        model = model with { Approval = model.Approval! with { Effect = "say \"hi\" \\ then\nstop" } };
        using var card = JsonDocument.Parse(Render(NoticeTemplates.ApprovalRequestCard, model));
        Assert.Equal("say \"hi\" \\ then\nstop", card.RootElement.GetProperty("body")[1].GetProperty("text").GetString());
    }

    [Fact]
    public void Render_ApprovalEmail_LinksToApprovalPage()
    {
        var html = Render(NoticeTemplates.ApprovalRequestEmail);
        Assert.Contains("href=\"https://func.example/api/approvals/abc.def?x=1&amp;y=2\"", html, StringComparison.Ordinal);
        Assert.Contains("2 d 13 h left", html, StringComparison.Ordinal);
    }

    [Fact]
    public void LocateDirectory_FromTestOutput_FindsRepositoryFolder() =>
        Assert.True(File.Exists(Path.Combine(NoticeTemplates.LocateDirectory(), "gdpr-art33-authority.html.liquid")));
}
