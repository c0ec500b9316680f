using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Commands;

/// <summary>Options several verbs share, and numbers read the same way on every machine (invariant culture).</summary>
internal static class CliOptions
{
    public static Option<double> Number(string name, string helpName, string description, double defaultValue) => new(name)
    {
        Description = description,
        HelpName = helpName,
        DefaultValueFactory = _ => defaultValue,
        // The library's own conversion follows the current culture; "0.5" must mean one half on every machine.
        CustomParser = r => r.Tokens.Count == 0 ? defaultValue
            : double.TryParse(r.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
            : Fail<double>(r, $"Option {name} takes a number (got '{r.Tokens[0].Value}')."),
    };

    public static Option<int> WholeNumber(string name, string helpName, string description, int defaultValue) => new(name)
    {
        Description = description,
        HelpName = helpName,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = r => r.Tokens.Count == 0 ? defaultValue
            : int.TryParse(r.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
            : Fail<int>(r, $"Option {name} takes a whole number (got '{r.Tokens[0].Value}')."),
    };

    public static Option<string> Playbook() => new("--playbook")
    {
        Description = "Playbook YAML to use instead of the default one",
        HelpName = "FILE",
    };

    /// <summary><c>--host local</c> (the default) or <c>--host functions</c> (the Functions app's own function classes).</summary>
    public static Option<PipelineHost> Host() => new("--host")
    {
        Description = "Which code receives the triggers: the local host's routes, or the Functions app's own classes [default: local]",
        HelpName = "local|functions",
        CustomParser = r => r.Tokens.Count == 0 ? PipelineHost.Local : r.Tokens[0].Value switch
        {
            "local" => PipelineHost.Local,
            "functions" => PipelineHost.Functions,
            var other => Fail<PipelineHost>(r, $"Option --host takes 'local' or 'functions' (got '{other}')."),
        },
    };

    /// <summary><c>--base-url URL</c>: an http(s) URL, kept with a trailing slash so relative routes resolve under it.</summary>
    public static Option<Uri> BaseUrl(string description, bool required) => new("--base-url")
    {
        Description = description,
        HelpName = "URL",
        Required = required,
        CustomParser = r =>
        {
            var text = r.Tokens.Count == 0 ? string.Empty : r.Tokens[0].Value;
            return Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                ? url
                : Fail<Uri>(r, $"--base-url takes an http(s) URL (got '{text}').");
        },
    };

    /// <summary><c>--key KEY</c>: the webhook key, else <c>SERVERLESSIR_WEBHOOK_KEY</c> (so the key need be on no command line).</summary>
    public static Option<string> WebhookKey() => new("--key")
    {
        Description = "The webhook key [default: SERVERLESSIR_WEBHOOK_KEY]",
        HelpName = "KEY",
    };

    private static T Fail<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }
}
