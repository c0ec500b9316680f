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
/// Templates are parsed once at construction, so a broken template fails at start-up.
/// </summary>
public sealed class NoticeRenderer
{
    /// <summary>The line every drafted regulator notice carries.</summary>
    public const string Disclaimer = "Drafted by ServerlessIR — not legal advice, review before submitting.";

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly JavaScriptEncoder Json = JavaScriptEncoder.Create(UnicodeRanges.All);

    private readonly FrozenDictionary<string, (IFluidTemplate Template, string Kind)> templates;
    private readonly TemplateOptions options;

    public NoticeRenderer(string templatesDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(templatesDirectory);
        options = CreateOptions();
        var parser = new FluidParser();
        var parsed = new Dictionary<string, (IFluidTemplate, string)>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(templatesDirectory, "*.liquid").Order(StringComparer.Ordinal))
        {
            var fileName = Path.GetFileName(file);
            var parts = fileName.Split('.');
            if (parts.Length != 3 || parts[1] is not ("html" or "json" or "txt"))
            {
                throw new NoticeRenderException(fileName, "file names must be NAME.html.liquid, NAME.json.liquid or NAME.txt.liquid");
            }
            if (!parser.TryParse(File.ReadAllText(file), out var template, out var error))
            {
                throw new NoticeRenderException(fileName, error);
            }
            parsed.Add(parts[0], (template, parts[1]));
        }
        templates = parsed.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>A renderer over the folder found by <see cref="NoticeTemplates.LocateDirectory"/>.</summary>
    public static NoticeRenderer FromDefaultLocation(string? configured = null) => new(NoticeTemplates.LocateDirectory(configured));

    public IReadOnlyCollection<string> TemplateNames => templates.Keys;

    /// <summary>Renders one template for one model.</summary>
    /// <exception cref="NoticeRenderException">Unknown template, variable or filter, or JSON output that does not parse.</exception>
    public string Render(string templateName, NoticeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!templates.TryGetValue(templateName, out var entry))
        {
            throw new NoticeRenderException(templateName, "no such template");
        }
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
        return options;
    }
}
