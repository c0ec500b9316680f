using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Fluid;

namespace ServerlessIR.Core.Notifications;

/// <summary>
/// Renders the Liquid templates in <c>notification-templates/</c> with Fluid, strictly: an unknown variable or filter
/// is an error, never a silent blank in a letter to a regulator. <c>*.html.liquid</c> output is HTML-encoded,
/// <c>*.json.liquid</c> output is JSON-string-encoded and must parse as JSON, <c>*.txt.liquid</c> is left as is.
/// Templates are parsed once at construction, so a broken template fails at start-up. A template may have language
/// variants, <c>NAME.LANG.html.liquid</c> (<c>LANG</c> a BCP 47 tag such as <c>de</c> or <c>pt-BR</c>), which
/// <see cref="RenderForResidents"/> picks by the residents' jurisdiction (<see cref="NoticeLanguages"/>).
/// </summary>
public sealed class NoticeRenderer
{
    /// <summary>The line every drafted regulator notice carries.</summary>
    public const string Disclaimer = "Drafted by ServerlessIR — not legal advice, review before submitting.";

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly JavaScriptEncoder Json = JavaScriptEncoder.Create(UnicodeRanges.All);

    private readonly FrozenDictionary<string, (IFluidTemplate Template, string Kind)> templates;
    private readonly FrozenDictionary<string, (IFluidTemplate Template, string Kind)> variants;
    private readonly TemplateOptions options;

    public NoticeRenderer(string templatesDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(templatesDirectory);
        options = CreateOptions();
        var parser = new FluidParser();
        var parsed = new Dictionary<string, (IFluidTemplate, string)>(StringComparer.Ordinal);
        var localized = new Dictionary<string, (IFluidTemplate, string)>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(templatesDirectory, "*.liquid").Order(StringComparer.Ordinal))
        {
            var fileName = Path.GetFileName(file);
            var parts = fileName.Split('.');
            if (parts.Length is not (3 or 4) || parts[^2] is not ("html" or "json" or "txt") || (parts.Length == 4 && !IsLanguageTag(parts[1])))
            {
                throw new NoticeRenderException(fileName, "file names must be NAME[.LANG].html.liquid, NAME[.LANG].json.liquid or NAME[.LANG].txt.liquid");
            }
            if (!parser.TryParse(File.ReadAllText(file), out var template, out var error))
            {
                throw new NoticeRenderException(fileName, error);
            }
            if (parts.Length == 4)
            {
                localized.Add(VariantKey(parts[0], parts[1]), (template, parts[2]));
            }
            else
            {
                parsed.Add(parts[0], (template, parts[1]));
            }
        }
        foreach (var key in localized.Keys.Where(k => !parsed.ContainsKey(k[..k.IndexOf('.', StringComparison.Ordinal)])))
        {
            throw new NoticeRenderException(key, "a language variant needs its base template (the English NAME.html.liquid)");
        }
        templates = parsed.ToFrozenDictionary(StringComparer.Ordinal);
        variants = localized.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>A renderer over the folder found by <see cref="NoticeTemplates.LocateDirectory"/>.</summary>
    public static NoticeRenderer FromDefaultLocation(string? configured = null) => new(NoticeTemplates.LocateDirectory(configured));

    public IReadOnlyCollection<string> TemplateNames => templates.Keys;

    /// <summary>The languages <paramref name="templateName"/> has variants in (besides its base).</summary>
    public IReadOnlyList<string> LanguagesOf(string templateName) =>
        [.. variants.Keys.Where(k => k.StartsWith(templateName + ".", StringComparison.Ordinal)).Select(k => k[(templateName.Length + 1)..]).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Renders <paramref name="templateName"/> once per language its residents in <paramref name="jurisdictions"/> read: for
    /// each jurisdiction the first of its <see cref="NoticeLanguages"/> with a variant, else the base template. Versions
    /// follow one another in the order the jurisdictions first need them; no jurisdictions means the base template alone.
    /// </summary>
    /// <exception cref="NoticeRenderException">As <see cref="Render(string, NoticeModel)"/>.</exception>
    public string RenderForResidents(string templateName, NoticeModel model, IEnumerable<string> jurisdictions)
    {
        ArgumentNullException.ThrowIfNull(jurisdictions);
        var languages = jurisdictions
            .Select(j => NoticeLanguages.For(j).FirstOrDefault(l => variants.ContainsKey(VariantKey(templateName, l))))
            .Distinct()
            .ToList();
        if (languages.Count == 0)
        {
            languages.Add(null);
        }
        return string.Join("\n", languages.Select(language => language is null ? Render(templateName, model) : Render(templateName, model, language)));
    }

    /// <summary>Renders the <paramref name="language"/> variant of a template.</summary>
    /// <exception cref="NoticeRenderException">No such variant, or as <see cref="Render(string, NoticeModel)"/>.</exception>
    public string Render(string templateName, NoticeModel model, string language)
    {
        var key = VariantKey(templateName, language);
        return variants.TryGetValue(key, out var entry)
            ? RenderEntry(key, entry, model)
            : throw new NoticeRenderException(key, "no such template language variant");
    }

    /// <summary>Renders one template for one model.</summary>
    /// <exception cref="NoticeRenderException">Unknown template, variable or filter, or JSON output that does not parse.</exception>
    public string Render(string templateName, NoticeModel model)
    {
        if (!templates.TryGetValue(templateName, out var entry))
        {
            throw new NoticeRenderException(templateName, "no such template");
        }
        return RenderEntry(templateName, entry, model);
    }

    private static string VariantKey(string templateName, string language) => templateName + "." + language;

    /// <summary>A BCP 47 tag as our file names use them: a two- or three-letter language, optionally a region (<c>pt-BR</c>).</summary>
    private static bool IsLanguageTag(string tag) =>
        System.Text.RegularExpressions.Regex.IsMatch(tag, "^[a-z]{2,3}(-[A-Z]{2})?$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    private string RenderEntry(string templateName, (IFluidTemplate Template, string Kind) entry, NoticeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var context = new TemplateContext(model, options);
        string output;
        try
        {
            output = entry.Kind switch
            {
                "html" => entry.Template.Render(context, Html),
                "json" => entry.Template.Render(context, Json),
                _ => entry.Template.Render(context, NullEncoder.Default),
            };
        }
        catch (Exception ex) when (ex is FluidException or InvalidOperationException)
        {
            // Fluid reports strict-mode violations as FluidException (its docs say InvalidOperationException; both are handled).
            throw new NoticeRenderException(templateName, ex.Message, ex);
        }
        if (entry.Kind == "json")
        {
            try
            {
                using var _ = JsonDocument.Parse(output);
            }
            catch (JsonException ex)
            {
                throw new NoticeRenderException(templateName, "output is not valid JSON: " + ex.Message, ex);
            }
        }
        return output;
    }

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions
        {
            StrictVariables = true,
            StrictFilters = true,
            TimeZone = TimeZoneInfo.Utc,
            CultureInfo = System.Globalization.CultureInfo.InvariantCulture,
        };
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        // Allow-list exactly the model types: templates cannot reach anything else.
        options.MemberAccessStrategy.Register<NoticeModel>();
        options.MemberAccessStrategy.Register<NoticeIncident>();
        options.MemberAccessStrategy.Register<NoticeOrganisation>();
        options.MemberAccessStrategy.Register<NoticeRecipient>();
        options.MemberAccessStrategy.Register<NoticeMeta>();
        options.MemberAccessStrategy.Register<NoticeAiSystem>();
        options.MemberAccessStrategy.Register<NoticeApproval>();
        options.MemberAccessStrategy.Register<NoticeStatusUpdate>();
        options.MemberAccessStrategy.Register<NoticeExecutiveBrief>();
        options.MemberAccessStrategy.Register<FineExposure>();
        options.MemberAccessStrategy.Register<NoticeDecision>();
        return options;
    }
}
