using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ServerlessIR.Infra.Tests.Checks;

namespace ServerlessIR.Infra.Tests.Settings;

/// <summary>
/// The function app's app settings as compiled main.bicep declares them, with each ARM expression evaluated to the kind
/// of value Azure would put there (a storage endpoint, a client ID, the vault URI...). Only the expression shapes the
/// template uses are known: a new shape fails here, naming the setting, rather than reaching the app as a guess.
/// </summary>
internal static partial class BicepAppSettings
{
    public const string VaultUri = "https://kv-contract.vault.azure.net/";
    public const string ClientId = "0f0e0d0c-0b0a-4909-8807-060504030201";

    private static readonly Dictionary<string, string> Parameters = new(StringComparer.Ordinal)
    {
        ["keyVaultUri"] = VaultUri,
        ["rotationKeyVaultUri"] = "https://kvrot-contract.vault.azure.net/",
        ["eventGridTopicEndpoint"] = "https://evgt-contract.westeurope-1.eventgrid.azure.net/api/events",
        ["taskHubName"] = "serverlessir",
        ["evidenceContainerName"] = "evidence",
        ["bulkMailEndpoint"] = "",
        ["serviceNowInstanceUrl"] = "",
        ["anchorSignerName"] = "evidence-anchor-key",
        ["eventGridTopicId"] = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-contract/providers/Microsoft.EventGrid/topics/evgt-contract",
        ["authClientId"] = "11111111-2222-3333-4444-555555555555",
    };

    /// <summary>The raw settings object of the <c>appsettings</c> config resource (values are literals or ARM expressions).</summary>
    public static JsonObject Declared(JsonObject mainTemplate)
    {
        var config = ArmTemplateWalker.Resources(mainTemplate)
            .Single(r => r.IsType("Microsoft.Web/sites/config") && r.Name.Contains("'appsettings'", StringComparison.Ordinal));
        return config.Properties!;
    }

    /// <summary>Every setting with its expression evaluated; Key Vault references stay references.</summary>
    public static Dictionary<string, string?> Evaluate(JsonObject mainTemplate) =>
        Declared(mainTemplate).ToDictionary(p => p.Key, p => (string?)Evaluate(p.Key, p.Value!.GetValue<string>()), StringComparer.Ordinal);

    private static string Evaluate(string setting, string value)
    {
        if (!value.StartsWith('[') || value.StartsWith("[[", StringComparison.Ordinal))
        {
            return value;
        }
        var expression = value[1..^1];
        var format = FormatCall().Match(expression);
        if (!format.Success)
        {
            return Term(setting, expression);
        }
        var arguments = TopLevelArguments(format.Groups["args"].Value);
        var text = new StringBuilder(format.Groups["text"].Value.Replace("''", "'", StringComparison.Ordinal));
        for (var i = 0; i < arguments.Count; i++)
        {
            text.Replace("{" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}", Term(setting, arguments[i]));
        }
        return text.ToString();
    }

    private static string Term(string setting, string term)
    {
        var parameter = ParameterCall().Match(term);
        if (parameter.Success && Parameters.TryGetValue(parameter.Groups["name"].Value, out var value))
        {
            return value;
        }
        // Numbers passed in an object parameter (the retention periods) and written as text.
        if (NumberFromObjectParameter().IsMatch(term))
        {
            return "30";
        }
        return term switch
        {
            _ when term.EndsWith(".primaryEndpoints.blob", StringComparison.Ordinal) => "https://stcontract.blob.core.windows.net/",
            _ when term.EndsWith(".primaryEndpoints.queue", StringComparison.Ordinal) => "https://stcontract.queue.core.windows.net/",
            _ when term.EndsWith(".primaryEndpoints.table", StringComparison.Ordinal) => "https://stcontract.table.core.windows.net/",
            _ when term.EndsWith(".clientId", StringComparison.Ordinal) => ClientId,
            _ when term.EndsWith(".ConnectionString", StringComparison.Ordinal) =>
                "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/",
            _ when term.EndsWith(".defaultHostName", StringComparison.Ordinal) => "func-contract.azurewebsites.net",
            "tenant().tenantId" => "72f988bf-86f1-41af-91ab-2d7cd011db47",
            _ => throw new InvalidOperationException($"App setting {setting}: no test value for the ARM expression '{term}'; teach BicepAppSettings its shape."),
        };
    }

    private static List<string> TopLevelArguments(string text)
    {
        var arguments = new List<string>();
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\'':
                    quoted = !quoted;
                    break;
                case '(' or '[' when !quoted:
                    depth++;
                    break;
                case ')' or ']' when !quoted:
                    depth--;
                    break;
                case ',' when !quoted && depth == 0:
                    arguments.Add(text[start..i].Trim());
                    start = i + 1;
                    break;
                default:
                    break;
            }
        }
        arguments.Add(text[start..].Trim());
        return arguments;
    }

    [GeneratedRegex(@"^format\('(?<text>(?:[^']|'')*)',\s*(?<args>.*)\)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex FormatCall();

    [GeneratedRegex(@"^parameters\('(?<name>[^']+)'\)$", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterCall();

    [GeneratedRegex(@"^string\(parameters\('[^']+'\)\.[A-Za-z]+\)$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberFromObjectParameter();
}
