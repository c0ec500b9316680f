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

    private static T Fail<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }
}
